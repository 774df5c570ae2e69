"""Recipes: several artifacts scaffolded as one operation, all or nothing.

A recipe file (JSON, YAML or TOML) lists the artifacts::

    artifacts:
      - type: dto
        context: {name: Order, fields: [{name: total, type: Decimal}]}
        output: src/orders/order.py        # optional, as -o
      - type: unit_test
        for: src/orders/order.py           # optional, as --for: an earlier artifact to test
        context: {...}

A step's ``for`` names the output path of an earlier step of the same recipe: the test is
filled from that artifact's rendering (``scaffold_core.enrich.subject``), as ``--for``
fills it from a written file; its ``context`` wins over what is derived.

Every artifact is validated and rendered in memory first. If any fails (bad input, unsafe
or duplicate path, existing file without ``force``, invalid output), nothing is written and
every failure is reported; otherwise all files are written together.
"""

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import IO

from scaffold_core.enrich.subject import check_takes_subject, source_subject, subject_input
from scaffold_core.errors import (
    BadOption,
    InvalidInput,
    Problem,
    RecipeFailed,
    ScaffoldError,
    UnsafeOutputPath,
    UserError,
)
from scaffold_core.manager import ArtifactManager, Rendering, ScaffoldResult
from scaffold_core.operations.recording import recording
from scaffold_core.validate import describe_value, load_context

__all__ = ["RecipeStep", "apply_recipe", "load_recipe"]


@dataclass(frozen=True)
class RecipeStep:
    """One artifact of a recipe."""

    artifact_type: str
    context: Mapping[str, object]
    output_path: str | None = None
    subject: str | None = None
    """``for``: the output path of an earlier step, the module this test is filled from."""


def load_recipe(source: str, stdin: IO[str] | None) -> list[RecipeStep]:
    """The steps of the recipe in ``source`` (a file path, or ``-`` for standard input).

    Raises ``InvalidInput`` naming every problem: the document's (see ``load_context``), a
    key other than ``artifacts`` (a misspelt list would be silently left out), an entry
    that is not a mapping of ``type``, ``context``, ``output`` and ``for``.
    """
    document = load_context(
        source,
        stdin,
        option="--recipe",
        kind="recipe",
        expected="a recipe: a mapping with 'artifacts', a list of artifacts",
    )
    problems = _unknown_keys("", document, _RECIPE_KEYS)
    entries = document.get("artifacts")
    if not isinstance(entries, list) or not entries:
        problems.append(
            Problem("artifacts", describe_value(entries), "a list of artifacts", entries)
        )
        raise _invalid(source, problems)
    steps = [_step(index, entry, problems) for index, entry in enumerate(entries)]
    if problems:
        raise _invalid(source, problems)
    return steps


def _step(index: int, entry: object, problems: list[Problem]) -> RecipeStep:
    where = f"artifacts.{index}"
    if not isinstance(entry, dict):
        problems.append(
            Problem(where, describe_value(entry), "a mapping with type and context", entry)
        )
        return RecipeStep("", {})
    problems.extend(_unknown_keys(where, entry, _STEP_KEYS))
    artifact_type, context, output, subject = (
        entry.get("type"),
        entry.get("context", {}),
        entry.get("output"),
        entry.get("for"),
    )
    if "type" not in entry:
        problems.append(Problem(f"{where}.type", "", "required key 'type' is missing"))
    elif not isinstance(artifact_type, str) or not artifact_type:
        problems.append(
            Problem(
                f"{where}.type",
                describe_value(artifact_type),
                "an artifact type id",
                artifact_type,
            )
        )
    if not isinstance(context, dict):
        problems.append(
            Problem(f"{where}.context", describe_value(context), "a mapping of fields", context)
        )
    if output is not None and not isinstance(output, str):
        problems.append(
            Problem(f"{where}.output", describe_value(output), "a relative path", output)
        )
    if subject is not None and (not isinstance(subject, str) or not subject.strip()):
        problems.append(
            Problem(
                f"{where}.for",
                describe_value(subject),
                "the output path of an earlier step",
                subject,
            )
        )
    return RecipeStep(
        str(artifact_type or ""),
        context if isinstance(context, dict) else {},
        output if isinstance(output, str) else None,
        subject if isinstance(subject, str) else None,
    )


_RECIPE_KEYS = ("artifacts",)
_STEP_KEYS = ("type", "context", "output", "for")


def _unknown_keys(
    where: str, mapping: Mapping[str, object], known: Sequence[str]
) -> list[Problem]:
    """One problem per key of ``mapping`` not in ``known``, with the closest known key."""
    problems = []
    for key in mapping:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        problems.append(
            Problem(
                f"{where}.{key}" if where else key,
                "",
                f"only the key{'s' * (len(known) > 1)} {', '.join(known)}{hint}",
            )
        )
    return problems


def _invalid(source: str, problems: Sequence[Problem]) -> InvalidInput:
    return InvalidInput(f"recipe {source}", problems)


def _real_file(path: Path) -> str:
    """The file ``path`` writes, however it is spelled: links resolved, case folded.

    Case is folded where the system folds it (``os.path.normcase``). Two artifacts of one
    recipe must not write one file: under ``--force`` the second would replace the first.
    """
    return os.path.normcase(path.resolve())


def apply_recipe(
    manager: ArtifactManager,
    steps: Sequence[RecipeStep],
    *,
    dry_run: bool = False,
    force: bool = False,
    pipeline: str | None = None,
    record: bool | None = None,
) -> list[ScaffoldResult]:
    """Render every step, then write them all (unless ``dry_run``) or raise ``RecipeFailed``.

    The files and their provenance records (``record``, as in ``ArtifactManager.write``)
    are written in one all-or-nothing write: a recipe records all its artifacts or none.

    Besides each artifact's own failures, two artifacts may not write one real file, one
    may not need as a folder what another writes as a file (``q.py`` and ``q.py/x.py``),
    and a step's ``for`` must name the output path of an earlier step that rendered.
    """
    failures: list[tuple[str, ScaffoldError]] = []
    renderings: list[Rendering] = []
    claimed: dict[str, tuple[str, str]] = {}  # real file: (artifact, its path as given)
    earlier: dict[str, Rendering] = {}  # output path: the file of an earlier step
    for number, step in enumerate(steps, 1):
        where = f"artifact {number} ({step.artifact_type or '?'})"
        try:
            with recording(manager, step.artifact_type, pipeline, via="recipe"):
                context = step.context
                if step.subject is not None:
                    context = {**_subject_input(manager, step, earlier), **context}
                rendering = manager.render(
                    step.artifact_type, context, output_path=step.output_path, pipeline=pipeline
                )
                rendering.check_writable(force=force)
        except ScaffoldError as error:
            failures.append((where, error))
            continue
        renderings.append(rendering)
        for file in rendering.files:
            if file.output_path is not None:
                earlier[file.output_path] = file
            if file.path is None:
                continue
            real = _real_file(file.path)
            shown = step.output_path if file is rendering and step.output_path else None
            shown = shown or str(file.output_path)
            if real in claimed:
                other = claimed[real][0]
                failures.append((where, UserError(f"{shown} is also written by {other}")))
            else:
                claimed[real] = (where, shown)
    failures += _folders_written_as_files(claimed)
    if failures:
        raise RecipeFailed(failures)
    if not dry_run:
        manager.write(renderings, force=force, record=record)
    return [r.result(written=r.path is not None and not dry_run) for r in renderings]


def _subject_input(
    manager: ArtifactManager, step: RecipeStep, earlier: Mapping[str, Rendering]
) -> dict[str, object]:
    """The input ``step`` derives from the earlier artifact its ``for`` names.

    Raises ``BadOption`` when ``for`` names no earlier step's file, when the type is not
    filled from a module, or when that file is no Python module that parses.
    """
    assert step.subject is not None  # noqa: S101 -- only steps with 'for' come here
    named = PurePosixPath(step.subject.replace("\\", "/")).as_posix()
    tested = earlier.get(named)
    if tested is None:
        known = ", ".join(earlier) or "none"
        raise BadOption(
            f"for: '{step.subject}' names no earlier artifact of this recipe (earlier: {known})"
        )
    artifact = manager.artifact(step.artifact_type)
    check_takes_subject(artifact, manager.registry, option="for")
    subject = source_subject(named, tested.content, option="for")
    return subject_input(artifact, subject)


def _folders_written_as_files(
    claimed: Mapping[str, tuple[str, str]],
) -> list[tuple[str, ScaffoldError]]:
    """A failure for each artifact whose folder another artifact writes as a file.

    ``claimed`` maps each real file (``_real_file``) to its artifact and path as given.
    """
    failures: list[tuple[str, ScaffoldError]] = []
    for real, (where, _) in claimed.items():
        for folder in map(str, PurePath(real).parents):
            if folder in claimed:
                other, name = claimed[folder]
                reason = f"needs {name} as a folder, but {other} writes it as a file"
                failures.append((where, UnsafeOutputPath(reason)))
    return failures
