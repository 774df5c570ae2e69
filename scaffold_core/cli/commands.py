"""What each sub-command does; each returns the process exit code."""

import argparse
import json
import sys
from typing import TextIO

from scaffold_core.architecture import validate_architecture
from scaffold_core.discover import ArtifactRegistry, ArtifactType, BrokenArtifact
from scaffold_core.hooks import PluginHooks
from scaffold_core.manager import ArtifactManager
from scaffold_core.validate import load_context, merge_assignments

__all__ = ["COMMANDS"]


def list_types(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold list``: every installed artifact type, broken ones with their reason."""
    outcomes = ArtifactRegistry().inspect_all()
    extension_failures = [str(failure) for failure in PluginHooks().failures]
    rows = [_row(outcome) for outcome in outcomes]
    if arguments.json:
        report = {"artifact_types": rows, "extension_failures": extension_failures}
        json.dump(report, out, indent=2)
        out.write("\n")
        return 0
    out.write(_table(("id", "kind", "distribution", "version", "status"), rows))
    problems = [str(o) for o in outcomes if isinstance(o, BrokenArtifact)] + extension_failures
    for problem in problems:
        out.write(f"\nbroken: {problem}\n")
    return 0


def _table(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    cells = [[name.upper() for name in columns]] + [[str(row[n]) for n in columns] for row in rows]
    widths = [max(len(line[index]) for line in cells) for index in range(len(columns))]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        + "\n"
        for line in cells
    )


def _row(outcome: ArtifactType | BrokenArtifact) -> dict[str, object]:
    if isinstance(outcome, BrokenArtifact):
        entry, status, reason, template = outcome.entries[0], "broken", outcome.reason, None
    else:
        entry, status, reason, template = outcome.entry, "ok", None, outcome.template_name
    return {
        "id": outcome.artifact_id,
        "kind": "persistent",
        "distribution": entry.distribution,
        "version": entry.version,
        "status": status,
        "reason": reason,
        "template": template,
    }


def show_schema(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold schema TYPE``: the JSON Schema of the type's Context."""
    artifact = ArtifactRegistry().get(arguments.artifact_type)
    json.dump(artifact.context_class.model_json_schema(), out, indent=2, ensure_ascii=False)
    out.write("\n")
    return 0


def new_artifact(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold new TYPE``: validate, render, write; print the path written."""
    manager = ArtifactManager(arguments.project_root)
    artifact = manager.artifact(arguments.artifact_type)
    data = load_context(arguments.context, sys.stdin) if arguments.context else {}
    data, problems = merge_assignments(data, arguments.assignments, artifact.context_class)
    result = manager.scaffold(
        artifact.artifact_id,
        data,
        output_path=arguments.output,
        dry_run=arguments.dry_run,
        force=arguments.force,
        earlier_problems=problems,
    )
    if arguments.dry_run:
        out.write(f"would write {result.output_path}:\n{result.content}")
    else:
        out.write(f"{result.output_path}\n")
    return 0


def check_architecture(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold validate-architecture``: exit 1 when any plugin breaks the contract."""
    report = validate_architecture(ArtifactRegistry(), arguments.artifact_types)
    if arguments.json:
        json.dump(report.as_json(), out, indent=2)
        out.write("\n")
    else:
        for plugin in report.checked:
            findings = [finding for finding in report.findings if finding.plugin == plugin]
            out.write(f"{plugin}: {'ok' if not findings else f'{len(findings)} finding(s)'}\n")
            for finding in findings:
                out.write(f"  {finding.severity} {finding.rule}: {finding.message}\n")
        out.write("passed\n" if report.passed else "failed\n")
    return 0 if report.passed else 1


COMMANDS = {
    "list": list_types,
    "schema": show_schema,
    "new": new_artifact,
    "validate-architecture": check_architecture,
}
