"""The agent skill: a Markdown file teaching a coding agent to drive scaffold by its CLI.

Generated from the installed artifact types (one line each: id, kind, what it makes), so
that it lists exactly what ``scaffold list`` lists. Its front matter (``name``,
``description``) is what agent skills are found by.
"""

from collections.abc import Sequence
from typing import Final

from scaffold_core.catalogue import type_summary
from scaffold_core.discover import ArtifactRegistry, ArtifactType, BrokenArtifact

__all__ = ["SKILL_NAME", "skill_markdown"]

SKILL_NAME: Final = "scaffold"

_WORKFLOW: Final = """\
## When to use it

Whenever you are about to create a new file of a kind listed below (a module, a test,
a design document, a commit message or PR body), generate it with scaffold instead of
writing it by hand: the input is validated against the type's schema, the output follows
the repository's conventions, and the file is recorded so it can be updated later.
Do not use it to edit existing code by hand; use `scaffold update` for scaffolded files.

## How

1. Find the type: `scaffold list --json` (id, kind, status of every installed type).
2. Read what it takes: `scaffold schema TYPE` (the JSON Schema, with examples), or
   `scaffold schema TYPE --skeleton --format json` (a context file to fill in).
3. Write the input as a JSON file (or pass fields with `-s key=value`; a non-text field
   takes JSON: `-s 'capabilities=["reserve_stock"]'`).
4. Preview, writing nothing:
   `scaffold new TYPE --context input.json --dry-run --json --no-input`.
5. Write it: `scaffold new TYPE --context input.json --json --no-input` (add
   `-o PATH` for another path, relative to the project root). It prints a JSON document:
   `ok`, and each file's `path` and whether it was `written`.
6. On exit code 2, read every problem (field, what was given, what is expected), fix the
   input and run again: nothing was written. Exit 1 is a broken plugin or a template bug:
   report it, do not work around it.
7. Tests for a module scaffold wrote: `scaffold new unit_test --for src/app/module.py`.
8. Afterwards: `scaffold status --json` says which recorded files are outdated, modified or
   missing; `scaffold update --dry-run` shows the diffs, `scaffold update` applies them
   (your edits kept; a conflict leaves git's markers and exits 1).

## Rules

- Never pass `--force` unless the user asked to replace that file.
- Paths are relative to the project root (the nearest folder upward holding a
  `pyproject.toml`, or `-C DIR`); scaffold refuses any path outside it.
- Several artifacts of one feature: a recipe file (`artifacts: [{type, context}, ...]`)
  and `scaffold new --recipe FILE`, all or nothing.
"""


def skill_markdown(registry: ArtifactRegistry | None = None) -> str:
    """The whole skill (``SKILL.md``): front matter, the workflow, every installed type."""
    outcomes = (registry or ArtifactRegistry()).inspect_all()
    loaded = [outcome for outcome in outcomes if isinstance(outcome, ArtifactType)]
    ids = ", ".join(artifact.artifact_id for artifact in loaded)
    description = (
        "Generate new code, tests, documents and messages that follow this repository's"
        f" conventions with the scaffold CLI (types: {ids}). Use when creating such a file."
    )
    return "\n".join(
        [
            "---",
            f"name: {SKILL_NAME}",
            f"description: {_yaml_text(description)}",
            "---",
            "",
            "# scaffold: generate files from validated input",
            "",
            _WORKFLOW,
            "## Installed types",
            "",
            *_type_lines(outcomes),
            "",
        ]
    )


def _type_lines(outcomes: Sequence[ArtifactType | BrokenArtifact]) -> list[str]:
    """``- `id` (kind): what it makes``; a broken type says so, to be left alone."""
    lines = []
    for outcome in outcomes:
        if isinstance(outcome, BrokenArtifact):
            lines.append(f"- `{outcome.artifact_id}` (broken, do not use): {outcome.reason}")
            continue
        kind = "printed unless -o" if outcome.kind == "ephemeral" else "file"
        summary = type_summary(outcome).rstrip(".")
        lines.append(f"- `{outcome.artifact_id}` ({kind}): {summary}")
    return lines


def _yaml_text(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (it holds ``:`` and parentheses)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
