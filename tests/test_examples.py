"""Every example of every installed artifact type renders to valid, lint-clean output.

The plugins are discovered, not listed, so a new plugin is covered without new test code.
Python output must parse, pass ``ruff check`` (pycodestyle errors and warnings except line
length, pyflakes, isort) and be unchanged by ``ruff format``; Markdown output must open with
its title, carry the metadata table (documents), show a heading for every section the input
fills, and hold no empty heading and no "None"; both pipelines are checked.
"""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_core import ArtifactManager, ArtifactRegistry, ArtifactType, PluginHooks
from scaffold_schemas import SECTION_KEY, BaseDocumentContext
from tests.conftest import FIXED_TIME

RUFF = str(Path(sys.executable).with_name("ruff"))
REGISTRY = ArtifactRegistry()
OUTCOMES = REGISTRY.inspect_all()
ARTIFACTS = [outcome for outcome in OUTCOMES if isinstance(outcome, ArtifactType)]
CASES = [
    (artifact, pipeline, index, example)
    for artifact in ARTIFACTS
    for pipeline in (("v2", "v1") if artifact.legacy_template_name else ("v2",))
    for index, example in enumerate(artifact.examples())
]


def case_id(case: tuple[ArtifactType, str, int, dict[str, object]]) -> str:
    return f"{case[0].artifact_id}-{case[1]}-{case[2]}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Every case rendered once into one folder: case id → (file, body without header)."""
    folder = tmp_path_factory.mktemp("examples")
    manager = ArtifactManager(
        folder, registry=REGISTRY, hooks=PluginHooks([]), clock=lambda: FIXED_TIME
    )
    outputs = {}
    for case in CASES:
        artifact, pipeline, _index, example = case
        stem = case_id(case).replace("-", "_")
        # A folder per case: a multi-file artifact writes its other files beside the main one.
        path = f"{stem}/{stem}.{artifact.extension}"
        result = manager.scaffold(
            artifact.artifact_id, example, output_path=path, pipeline=pipeline
        )
        body = (
            result.content.partition("\n")[2] if artifact.kind == "persistent" else result.content
        )
        outputs[case_id(case)] = (folder / path, body)
    return outputs


@pytest.fixture(scope="module")
def ruff_findings(rendered) -> dict[str, list[str]]:
    """ruff's complaints about every generated Python file, by file name."""
    python = sorted(str(path) for path, _ in rendered.values() if path.suffix == ".py")
    if not python:
        return {}
    check = subprocess.run(
        [RUFF, "check", "--isolated", "--select", "E,W,F,I", "--ignore", "E501",
         "--output-format", "json", *python],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    findings: dict[str, list[str]] = {}
    for item in json.loads(check.stdout or "[]"):
        findings.setdefault(Path(item["filename"]).name, []).append(
            f"{item['code']} line {item['location']['row']}: {item['message']}"
        )
    for path in python:
        formatted = subprocess.run(
            [RUFF, "format", "--isolated", "--diff", path],
            capture_output=True,
            text=True,
            check=False,
        )
        if formatted.returncode != 0:
            findings.setdefault(Path(path).name, []).append(f"ruff format:\n{formatted.stdout}")
    return findings


def test_no_installed_plugin_is_broken():
    assert [str(outcome) for outcome in OUTCOMES if not isinstance(outcome, ArtifactType)] == []


def test_every_installed_type_declares_at_least_three_examples():
    for artifact in ARTIFACTS:
        assert len(artifact.examples()) >= 3, artifact.artifact_id


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_example_output_is_valid(case, rendered, ruff_findings):
    artifact, _, _, example = case
    path, body = rendered[case_id(case)]
    assert body.endswith("\n")
    assert not body.endswith("\n\n")
    assert all(line == line.rstrip() for line in body.splitlines())
    if artifact.extension == "py":
        ast.parse(body)
        assert ruff_findings.get(path.name, []) == []
    if artifact.extension == "md":
        check_markdown(artifact, example, body)


def check_markdown(artifact: ArtifactType, example: dict[str, object], body: str) -> None:
    lines = body.splitlines()
    assert lines[0].startswith("# ")
    assert "None" not in re.findall(r"\bNone\b", body) or "None" in json.dumps(example)
    if issubclass(artifact.context_class, BaseDocumentContext):
        assert lines[2].startswith("| Status | Version | Last updated |")
    properties = artifact.json_schema()["properties"]
    for name, schema in properties.items():
        heading = schema.get(SECTION_KEY)
        if heading and example.get(name):
            assert re.search(rf"^#+ {re.escape(heading)}$", body, re.MULTILINE), (name, heading)
