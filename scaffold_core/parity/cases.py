"""Parity cases: a name, an input dict and, optionally, the verdict the author expects.

Cases come from the Context's JSON Schema examples, from the plugin's own case file
(``parity/<id>.yaml`` beside the plugin module) and from any file the user passes.
"""

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from scaffold_core.discover import ArtifactType
from scaffold_core.errors import InvalidInput, Problem
from scaffold_core.parity.verdict import Verdict
from scaffold_core.validate import describe_value, load_context

__all__ = ["PLUGIN_CASES_DIR", "ParityCase", "load_cases", "plugin_cases"]

PLUGIN_CASES_DIR = "parity"


@dataclass(frozen=True)
class ParityCase:
    """One input to run through both pipelines."""

    name: str
    context: Mapping[str, object]
    expect: Verdict | None = None


def plugin_cases(artifact: ArtifactType) -> list[ParityCase]:
    """The Context's examples, then the cases the plugin ships, if any."""
    examples = artifact.examples()
    cases = [ParityCase(f"example-{index}", example) for index, example in enumerate(examples, 1)]
    shipped = artifact.template_dir.parent / PLUGIN_CASES_DIR / f"{artifact.artifact_id}.yaml"
    if shipped.is_file():
        cases += load_cases(shipped)
    return cases


def load_cases(path: Path) -> list[ParityCase]:
    """Cases from a JSON, YAML or TOML file holding ``cases: [{name, context, expect?}]``."""
    document = load_context(
        str(path),
        io.StringIO(),
        option="--cases",
        kind="parity cases file",
        expected="a mapping with 'cases', a list of cases",
    )
    entries = document.get("cases")
    if not isinstance(entries, list):
        raise _bad(path, "cases", describe_value(entries), "a list of cases")
    return [_case(path, index, entry) for index, entry in enumerate(entries)]


def _case(path: Path, index: int, entry: object) -> ParityCase:
    where = f"cases.{index}"
    if not isinstance(entry, dict) or not isinstance(entry.get("context"), dict):
        raise _bad(path, where, describe_value(entry), "a mapping with a 'context' mapping")
    expect = entry.get("expect")
    if expect is not None and (not isinstance(expect, str) or expect not in Verdict.__members__):
        raise _bad(path, f"{where}.expect", repr(expect), f"one of {', '.join(Verdict)}")
    name = str(entry.get("name") or f"case-{index + 1}")
    return ParityCase(name, entry["context"], None if expect is None else Verdict(expect))


def _bad(path: Path, location: str, given: str, expected: str) -> InvalidInput:
    return InvalidInput(f"parity cases file {path}", [Problem(location, given, expected)])
