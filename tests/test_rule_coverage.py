"""Every rule in plugin code has a rejection case that reaches it.

A rule is found statically: each ``raise`` statement (AST) in ``plugins/*/**/*.py``, tests
excepted. Every rejection case of every installed type is validated under a coverage
tracer restricted to plugin files; a ``raise`` whose line no case executes is listed as
``file:line``. Nothing here names a plugin, a file or a line: move rules into
``scaffold_schemas``, add or remove them, and the test follows.
"""

import ast
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

import coverage
import pytest

from scaffold_core import ArtifactRegistry, PluginEntry
from scaffold_core.discover import ArtifactType, BrokenArtifact
from scaffold_core.errors import InvalidInput
from scaffold_core.validate import validate_context
from tests.installed import FIXTURE_PLUGINS

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = ROOT / "plugins"


def plugin_sources(folder: Path) -> list[Path]:
    """The Python files of the plugin distribution(s) under ``folder``, tests excepted."""
    return sorted(
        path
        for path in folder.glob("**/*.py")
        if "tests" not in path.relative_to(folder).parts and not path.name.startswith("test_")
    )


def raise_lines(path: Path) -> list[int]:
    """The line of every ``raise`` statement in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return sorted(node.lineno for node in ast.walk(tree) if isinstance(node, ast.Raise))


def reached_lines(artifacts: Iterable[ArtifactType], folder: Path) -> dict[Path, set[int]]:
    """The lines under ``folder`` that validating every rejection case executes, by file."""
    tracer = coverage.Coverage(data_file=None, config_file=False, include=[f"{folder}/*"])
    # No case at all (a type without rejections) is a finding of this test, not a warning.
    tracer.set_option("run:disable_warnings", ["no-data-collected"])
    tracer.start()
    try:
        for artifact in artifacts:
            for case in artifact.rejections():
                with suppress(InvalidInput):
                    validate_context(artifact, case.input)
    finally:
        tracer.stop()
    data = tracer.get_data()
    return {Path(name): set(data.lines(name) or ()) for name in data.measured_files()}


def unreached_raises(sources: Iterable[Path], reached: dict[Path, set[int]]) -> list[str]:
    """``file:line`` of every ``raise`` in ``sources`` that no line in ``reached`` covers."""
    return [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sources
        for line in raise_lines(path)
        if line not in reached.get(path, set())
    ]


def _installed() -> list[ArtifactType]:
    outcomes = ArtifactRegistry().inspect_all()
    return [outcome for outcome in outcomes if not isinstance(outcome, BrokenArtifact)]


@pytest.fixture(scope="module")
def reached() -> dict[Path, set[int]]:
    return reached_lines(_installed(), PLUGINS)


@pytest.mark.parametrize(
    "plugin", sorted(path.name for path in PLUGINS.iterdir() if path.is_dir())
)
def test_every_raise_in_plugin_code_is_reached_by_a_rejection_case(plugin, reached):
    missing = unreached_raises(plugin_sources(PLUGINS / plugin), reached)
    assert not missing, "no rejection case reaches:\n" + "\n".join(missing)


def _memo(artifact_id: str) -> ArtifactType:
    entry = PluginEntry(artifact_id, "datafile:MemoContext", "fixture-plugins", "1.0")
    return ArtifactRegistry([entry]).get(artifact_id)


def test_the_tracer_sees_a_raise_that_a_case_reaches():
    folder = FIXTURE_PLUGINS / "datafile"
    sources = plugin_sources(folder)
    assert [len(raise_lines(path)) for path in sources] == [1]
    assert unreached_raises(sources, reached_lines([_memo("memo")], folder)) == []


def test_a_raise_no_case_reaches_is_listed_with_file_and_line():
    folder = FIXTURE_PLUGINS / "datafile"
    (source,) = plugin_sources(folder)
    missing = unreached_raises([source], reached_lines([_memo("memo_class")], folder))
    assert missing == [f"{source.relative_to(ROOT)}:{raise_lines(source)[0]}"]
