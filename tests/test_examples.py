"""Every example of every installed artifact type renders to valid output.

The plugins are discovered, not listed, so a new plugin is covered without new test code.
"""

import ast

import pytest

from scaffold_core import ArtifactManager, ArtifactRegistry, PluginHooks

REGISTRY = ArtifactRegistry()
CASES = [
    pytest.param(artifact_id, index, example, id=f"{artifact_id}-{index}")
    for artifact_id in REGISTRY.ids()
    for index, example in enumerate(REGISTRY.get(artifact_id).examples())
]


def test_every_installed_type_declares_at_least_three_examples():
    for artifact_id in REGISTRY.ids():
        assert len(REGISTRY.get(artifact_id).examples()) >= 3, artifact_id


@pytest.mark.parametrize(("artifact_id", "index", "example"), CASES)
def test_example_renders_valid_output(tmp_path, artifact_id, index, example):
    manager = ArtifactManager(tmp_path, registry=REGISTRY, hooks=PluginHooks([]))
    result = manager.scaffold(artifact_id, example)
    written = (tmp_path / result.output_path).read_text()
    assert written == result.content
    header, _, body = written.partition("\n")
    assert header.startswith(("# scaffold: ", "<!-- scaffold: "))
    if result.output_path.endswith(".py"):
        ast.parse(written)
    else:
        assert "None" not in body
    assert body.endswith("\n")
    assert not body.endswith("\n\n")
    assert all(line == line.rstrip() for line in body.splitlines())
