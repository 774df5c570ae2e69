"""What each sub-command does; each returns the process exit code."""

import argparse
import dataclasses
import importlib
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from scaffold_core.cli.colour import colour_diff
from scaffold_core.cli.output import write_json
from scaffold_core.errors import BadOption, Problem
from scaffold_core.manager import ArtifactManager, ScaffoldResult
from scaffold_core.operations.recording import Call, recording
from scaffold_core.preview import Preview, preview
from scaffold_core.validate import load_context, merge_assignments

__all__ = ["PLUGIN_TYPE", "new_artifact", "new_document"]

PLUGIN_TYPE = "artifact_plugin"
"""The bundled type that scaffolds plugins: the one ``--from-legacy`` feeds."""


def new_artifact(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold new TYPE`` or ``scaffold new --recipe FILE``: validate, render, write."""
    manager = ArtifactManager(arguments.project_root)
    # ``is not None``: an empty value ('' for -o) is given, and must not pass unseen.
    if arguments.recipe is not None:
        if (
            arguments.artifact_type is not None
            or arguments.assignments
            or arguments.context is not None
            or arguments.output is not None
            or arguments.from_legacy is not None
            or arguments.subject is not None
        ):
            raise BadOption(
                "--recipe takes every artifact from the file: drop TYPE, -s, --context, -o,"
                " --from-legacy, --for (a recipe step has its own 'for')"
            )
        # Imported here (importlib, start-up time): a plain `new` runs no recipe.
        recipes = importlib.import_module("scaffold_core.recipes")
        steps = recipes.load_recipe(arguments.recipe, sys.stdin)
        results: list[ScaffoldResult] = recipes.apply_recipe(
            manager,
            steps,
            dry_run=arguments.dry_run,
            # A dry run previews an existing file (preview.py) instead of refusing it.
            force=arguments.force or arguments.dry_run,
            pipeline=arguments.pipeline,
            record=arguments.record,
        )
    elif arguments.artifact_type is not None:
        with recording(manager, arguments.artifact_type, arguments.pipeline, via="cli") as call:
            results = [_scaffold_one(manager, arguments, call)]
    else:
        raise BadOption("give an artifact TYPE, or --recipe FILE")
    previews = _previews(results) if arguments.dry_run else {}
    if arguments.json:
        document = new_document(
            results, dry_run=arguments.dry_run, previews=previews, force=arguments.force
        )
        write_json(document, out)
    else:
        for result in results:
            _report(result, out, previews, arguments)
        if len(previews) > 1:
            _summarise(previews.values(), out, force=arguments.force)
    return max((_check_plugin(result) for result in results), default=0)


def _check_plugin(result: ScaffoldResult) -> int:
    """1 when ``result`` is a plugin distribution just written that does not pass its checks.

    What its own tests will check once installed (validate-architecture, parity), checked
    now, so that a plugin generated from a legacy template that needs editing says so; the
    files stay, as a draft to fix.
    """
    if result.artifact_type != PLUGIN_TYPE or not result.written or result.path is None:
        return 0
    # Imported here: the architecture checks import jsonschema (about 45 ms), which no
    # other artifact's `scaffold new` needs.
    from scaffold_core.architecture.distribution import distribution_failures  # noqa: PLC0415

    failures = distribution_failures(result.path.parent)
    if not failures:
        return 0
    sys.stderr.write(
        f"scaffold: {result.output_path} and the files beside it are written, but the plugin"
        " does not pass its checks yet; fix these, then run its tests:\n"
    )
    sys.stderr.writelines(failures)
    return 1


def _scaffold_one(
    manager: ArtifactManager, arguments: argparse.Namespace, call: Call
) -> ScaffoldResult:
    artifact = manager.artifact(arguments.artifact_type)
    data = {} if arguments.context is None else load_context(arguments.context, sys.stdin)
    data, problems = merge_assignments(data, arguments.assignments, artifact.field_types())
    if arguments.from_legacy is not None:
        if artifact.artifact_id != PLUGIN_TYPE:
            raise BadOption(
                f"--from-legacy makes a plugin from a legacy template: it is for 'scaffold new"
                f" {PLUGIN_TYPE}', not '{artifact.artifact_id}'"
            )
        # The examples given type the values the template only prints. What the template
        # implies is not also given: a half-derived plugin (the template's v2 text, the
        # user's fields) would not agree with itself.
        from scaffold_core.migrate import legacy_plugin_input  # noqa: PLC0415 -- 10 ms, rare

        found = legacy_plugin_input(Path(arguments.from_legacy), data.get("examples"))
        problems += [
            Problem(
                key,
                "",
                f"--from-legacy derives '{key}' from the template: drop it, edit the plugin after",
            )
            for key in sorted(found.keys() & data.keys())
        ]
        data = {**found, **data}
    if arguments.subject is not None:
        # Imported here (importlib, start-up time): only --for reads a subject module.
        subjects = importlib.import_module("scaffold_core.enrich.subject")
        # The type is checked first: a file is read only for a type that can use it.
        subjects.check_takes_subject(artifact, manager.registry)
        subject = subjects.read_subject(manager.project_root, arguments.subject)
        data = {**subjects.subject_input(artifact, subject), **data}
    # --json is for programs, which may run us in a pseudo-terminal: they get the document.
    asking = not (arguments.no_input or arguments.json)
    if asking and sys.stdin and sys.stdin.isatty() and sys.stdout.isatty():
        from scaffold_core.cli.prompts import ask_missing  # noqa: PLC0415 -- terminals only

        with call.paused():  # a person's answering time is not the call's (event log)
            data, problems = ask_missing(artifact, data, problems, ask_all=arguments.ask_all)
    to_stdout = arguments.output == STDOUT
    result = manager.scaffold(
        artifact.artifact_id,
        data,
        output_path=None if to_stdout else arguments.output,
        # Printed, not written: no file is replaced, so an existing one does not matter.
        dry_run=arguments.dry_run or to_stdout,
        # Nothing is replaced: a dry run previews an existing file (preview.py) instead.
        force=arguments.force or arguments.dry_run or to_stdout,
        pipeline=arguments.pipeline,
        earlier_problems=problems,
        record=arguments.record,
    )
    return _on_stdout(result) if to_stdout else result


STDOUT = "-"
"""``-o -``: the rendering is printed, as an ephemeral artifact's is; no file, no record."""


def _on_stdout(result: ScaffoldResult) -> ScaffoldResult:
    """``result`` as printed text (no path); ``BadOption`` for a multi-file artifact.

    The text keeps the header the file would have, ``path=`` naming where ``new`` would
    write it without ``-o``.
    """
    if result.companions:
        paths = ", ".join(str(file.output_path) for file in result.files)
        raise BadOption(
            f"-o - prints one file, and artifact type '{result.artifact_type}' makes"
            f" {len(result.files)} ({paths}): give -o PATH, or --dry-run to see them all"
        )
    return dataclasses.replace(result, output_path=None, path=None)


def new_document(
    results: Sequence[ScaffoldResult],
    *,
    dry_run: bool,
    previews: Mapping[str, Preview] | None = None,
    force: bool = False,
) -> dict[str, object]:
    """``scaffold new --json``'s success document (docs/schemas/new.schema.json).

    ::

        {"ok": true, "dry_run": true,
         "artifacts": [{"artifact_type": "dto", "pipeline": "v2",
                        "files": [{"path": "src/dtos/order.py" | null,
                                   "written": false, "content": "...",
                                   "preview": {"action": "overwrite",
                                               "needs_force": true, "diff": "..."}}]}]}

    One artifact per ``new``, one per step of a recipe; ``files`` lists the main file
    first, then every other file of a multi-file artifact. ``path`` is relative to the
    project root, ``null`` for text printed instead (an ephemeral artifact, ``-o -``).
    ``preview`` (a dry run's file with a path, from ``previews``) says what the real run
    would do to the file there now; ``force`` is whether ``--force`` was given.
    """
    shown = previews or {}
    return {
        "ok": True,
        "dry_run": dry_run,
        "artifacts": [
            {
                "artifact_type": result.artifact_type,
                "pipeline": result.pipeline,
                "files": [_file_json(file, shown, force=force) for file in result.files],
            }
            for result in results
        ],
    }


def _file_json(
    file: ScaffoldResult, previews: Mapping[str, Preview], *, force: bool
) -> dict[str, object]:
    shaped: dict[str, object] = {
        "path": file.output_path,
        "written": file.written,
        "content": file.content,
    }
    shown = None if file.output_path is None else previews.get(file.output_path)
    if shown is not None:
        shaped["preview"] = shown.as_json(force=force)
    return shaped


def _previews(results: Sequence[ScaffoldResult]) -> dict[str, Preview]:
    """What a dry run's files would do to the files there now, by output path."""
    return {
        file.output_path: preview(file.output_path, file.path, file.content)
        for result in results
        for file in result.files
        if file.output_path is not None and file.path is not None
    }


def _report(
    result: ScaffoldResult,
    out: TextIO,
    previews: Mapping[str, Preview],
    arguments: argparse.Namespace,
) -> None:
    """Each path written; a dry run's preview of each file; an ephemeral text itself.

    ``-q`` leaves out the paths written (the files are the result); ``-v`` adds, on
    standard error, each file's type and pipeline.
    """
    for file in result.files:
        if arguments.verbose:
            done = "wrote" if file.written else "rendered"
            where = file.output_path or "standard output"
            sys.stderr.write(f"scaffold: {done} {where} ({file.artifact_type}, {file.pipeline})\n")
        shown = None if file.output_path is None else previews.get(file.output_path)
        if file.written:
            if not arguments.quiet:
                out.write(f"{file.output_path}\n")
        elif shown is None:
            out.write(file.content)
        elif shown.action == "create":
            out.write(f"would write {file.output_path}:\n{file.content}")
        else:
            needs = ", which needs --force" if shown.needs_force(force=arguments.force) else ""
            if shown.action == "identical":
                out.write(
                    f"would rewrite {file.output_path}, identical but for the header's"
                    f" times{needs}\n"
                )
            else:
                diff = colour_diff(shown.diff, out)
                out.write(f"would overwrite {file.output_path}{needs}:\n{diff}")


def _summarise(previews: Iterable[Preview], out: TextIO, *, force: bool) -> None:
    """One line per file of a dry run: create, overwrite (needs --force) or identical."""
    out.write("dry run, nothing written:\n")
    for each in previews:
        needs = " (needs --force)" if each.needs_force(force=force) else ""
        out.write(f"  {each.action:<9}  {each.output_path}{needs}\n")
