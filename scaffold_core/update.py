"""``scaffold update``: recorded files rendered again through the installed templates.

Each selected recorded file's artifact is rendered again from its recorded input (changed
first by any ``-s`` assignments, validated as ``scaffold new`` validates), at its recorded
path, keeping its creation time and stamping the update time. Then, per file
(``Outcome``):

- ``current``: the new rendering is what scaffold wrote last (apart from the update
  time): nothing is written; the record is refreshed when only its hash or plugin
  version was behind, so that ``status`` says ``current``.
- ``replaced``: the file was as scaffold wrote it: the new rendering replaces it.
- ``merged``: the user edited the file: base (what scaffold wrote last), ours (the file
  now) and theirs (the new rendering) are merged three ways (``merge_three_way``); every
  edit and every template change are kept. The header line is the core's: the new one
  is written, the lines below it are merged.
- ``conflict``: both changed the same lines: the file holds standard conflict markers
  around both versions; nothing is lost.
- ``restored``: the file was missing: the new rendering is written.
- ``added``: a file the artifact now has and had not (a new file of a multi-file
  artifact) is written.
- ``unknown type``, ``invalid record``: the file is left alone.

Every changed file and its record (the new rendering: the next merge's base) are written
in one all-or-nothing write.
"""

import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, get_args

from scaffold_core.errors import ScaffoldError, UpdateFailed, UserError
from scaffold_core.manager import ArtifactManager, Rendering
from scaffold_core.render.header import split_header
from scaffold_core.status import path_filter, usable_type
from scaffold_core.validate import merge_assignments
from scaffold_core.write import write_all
from scaffold_core.write.merge import merge_three_way
from scaffold_core.write.record import Record, read_record, record_target, recorded_files

__all__ = ["FAILING_OUTCOMES", "OUTCOMES", "FileUpdate", "Outcome", "UpdatePlan", "plan_update"]

Outcome = Literal[
    "current",
    "replaced",
    "merged",
    "conflict",
    "restored",
    "added",
    "unknown type",
    "invalid record",
]
OUTCOMES: Final[tuple[Outcome, ...]] = get_args(Outcome)
FAILING_OUTCOMES: Final[frozenset[Outcome]] = frozenset(
    {"conflict", "unknown type", "invalid record"}
)
"""What makes ``scaffold update`` exit 1: a conflict to resolve, a file it could not update."""

_UPDATED_STAMP: Final = re.compile(r" updated=\S+")


@dataclass(frozen=True)
class FileUpdate:
    """What the update does to one file (output path relative, POSIX).

    ``before`` is the file's text now (``None`` when missing), ``after`` what it will hold
    (``None`` when it is left as it is).
    """

    output_path: str
    outcome: Outcome
    artifact_type: str | None
    before: str | None = None
    after: str | None = None

    def as_json(self) -> dict[str, object]:
        """``{"path", "outcome", "artifact_type"}``."""
        return {
            "path": self.output_path,
            "outcome": self.outcome,
            "artifact_type": self.artifact_type,
        }

    def diff(self) -> str:
        """The change as a unified diff (``a/PATH``, ``b/PATH``); empty when none."""
        if self.after is None or self.after == self.before:
            return ""
        return "".join(
            difflib.unified_diff(
                (self.before or "").splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                f"a/{self.output_path}" if self.before is not None else "/dev/null",
                f"b/{self.output_path}",
            )
        )


@dataclass(frozen=True)
class UpdatePlan:
    """Every selected file's ``FileUpdate``, and the files to write with their records."""

    files: tuple[FileUpdate, ...]
    writes: tuple[tuple[Path, str], ...]
    records: tuple[Path, ...]

    @property
    def failed(self) -> bool:
        """Whether any file conflicts or could not be updated (exit 1)."""
        return any(file.outcome in FAILING_OUTCOMES for file in self.files)

    def apply(self, manager: ArtifactManager) -> None:
        """Write every changed file and record at once (see ``write_all``)."""
        if self.writes:
            write_all(
                list(self.writes),
                overwrite=True,
                project_root=manager.project_root,
                replace=list(self.records),
            )


def plan_update(
    manager: ArtifactManager, paths: Sequence[str] = (), assignments: Sequence[str] = ()
) -> UpdatePlan:
    """What ``scaffold update`` does to the recorded files at or under ``paths``.

    ``paths`` are as in ``project_status``; ``assignments`` are ``-s KEY=VALUE`` texts
    applied to every selected artifact's recorded input. Nothing is written (see
    ``UpdatePlan.apply``). Raises ``UpdateFailed`` listing every artifact that cannot be
    updated (exit 2 when all are the user's to fix: a bad ``-s``, a recorded input the new
    plugin version refuses, a file that is not UTF-8 text; exit 1 when a modified file
    needs git and git is missing, ``MergeUnavailable``, or the template fails).
    """
    wanted = path_filter(paths)
    files: list[FileUpdate] = []
    artifacts: dict[str, list[Record]] = {}
    for output_path, record_file in recorded_files(manager.project_root):
        if not wanted(output_path):
            continue
        try:
            record = read_record(record_file)
        except (OSError, ValueError):
            files.append(FileUpdate(output_path, "invalid record", None))
            continue
        if not usable_type(manager, record.artifact_type):
            files.append(FileUpdate(output_path, "unknown type", record.artifact_type))
            continue
        artifacts.setdefault(record.artifact_output_path, []).append(record)
    failures: list[tuple[str, ScaffoldError]] = []
    planned: list[tuple[Rendering, FileUpdate, str | None]] = []
    for main, records in artifacts.items():
        recorded = {record.output_path: record for record in records}
        try:
            rendering = _render_again(manager, main, records[0], assignments)
            planned += _file_updates(manager, rendering, recorded, wanted)
        except ScaffoldError as error:
            failures.append((main, error))
    if failures:
        raise UpdateFailed(failures)
    writes: list[tuple[Path, str]] = []
    records_written: list[Path] = []
    for file, update, record_text in planned:
        files.append(update)
        if update.after is not None and file.path is not None:
            writes.append((file.path, update.after))
        if record_text is not None:
            records_written.append(record_target(manager.project_root, update.output_path))
            writes.append((records_written[-1], record_text))
    files.sort(key=lambda file: file.output_path)
    return UpdatePlan(tuple(files), tuple(writes), tuple(records_written))


def _render_again(
    manager: ArtifactManager, main: str, record: Record, assignments: Sequence[str]
) -> Rendering:
    """The artifact whose main file is ``main``, rendered from ``record``'s input.

    Raises ``InvalidInput`` for input the plugin now refuses, ``OutputCheckFailed`` for
    invalid output (a template bug), any ``ScaffoldError`` of rendering.
    """
    artifact = manager.artifact(record.artifact_type)
    data, problems = merge_assignments(
        dict(record.context), list(assignments), artifact.field_types()
    )
    rendering = manager.render(
        artifact.artifact_id,
        data,
        output_path=main,
        pipeline=record.pipeline,
        earlier_problems=problems,
        created=record.created,
        updated=manager.now(),
    )
    rendering.check_writable(force=True)
    return rendering


def _file_updates(
    manager: ArtifactManager,
    rendering: Rendering,
    recorded: dict[str, Record],
    wanted: Callable[[str], bool],
) -> Iterator[tuple[Rendering, FileUpdate, str | None]]:
    """Each selected file of ``rendering``: the file, its update, its new record's text.

    A file with no selected record is skipped when it has a record (not selected, or
    reported as invalid already); otherwise it is new to the artifact.
    """
    main = str(rendering.output_path)
    for file in rendering.files:
        output_path = str(file.output_path)
        record = recorded.get(output_path)
        if record is None and (
            not wanted(output_path) or record_target(manager.project_root, output_path).exists()
        ):
            continue
        update = _file_update(file, record)
        if update.outcome != "current":
            yield file, update, file.record(main)
        elif record is not None and _record_behind(record, file):
            # The file stays as it is, so does the merge base; the rest is brought up to date.
            lifecycle = file.lifecycle and file.lifecycle.model_copy(
                update={"scaffold_updated": record.updated}
            )
            yield file, update, file.record(main, content=record.content, lifecycle=lifecycle)
        else:
            yield file, update, None


def _file_update(file: Rendering, record: Record | None) -> FileUpdate:
    """What happens to ``file``'s path: see ``Outcome``. ``record`` is ``None`` for a new file."""
    output_path, artifact_type = str(file.output_path), file.artifact.artifact_id
    before = _current_text(file)
    theirs = file.content
    if before is None:
        outcome: Outcome = "added" if record is None else "restored"
        return FileUpdate(output_path, outcome, artifact_type, None, theirs)
    base = "" if record is None else record.content
    if record is not None and _unstamped(theirs) == _unstamped(base):
        return FileUpdate(output_path, "current", artifact_type, before)
    if record is not None and before == base:
        return FileUpdate(output_path, "replaced", artifact_type, before, theirs)
    # The header is the core's, not the user's: the new one is taken, the rest merged. Merged
    # with the rest, its change would collide with any edit of the line below it.
    header, theirs_body = split_header(theirs)
    version = "" if file.lifecycle is None else f" {file.lifecycle.version_hash}"
    merged = merge_three_way(
        split_header(base)[1],
        split_header(before)[1],
        theirs_body,
        labels=(
            f"{output_path} (yours)",
            f"{output_path} (as scaffold wrote it)",
            f"{output_path} (template {artifact_type}{version})",
        ),
    )
    outcome = "conflict" if merged.conflicts else "merged"
    return FileUpdate(output_path, outcome, artifact_type, before, header + merged.text)


def _current_text(file: Rendering) -> str | None:
    """The text of ``file``'s path now; ``None`` when there is no file.

    Raises ``UserError`` when it is not UTF-8 text: a merge would have to guess.
    """
    if file.path is None or not file.path.is_file():
        return None
    data = file.path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{file.output_path} is not UTF-8 text (byte {data[error.start]:#04x} at offset"
            f" {error.start}): scaffold merges text; save it as UTF-8, or delete it to have"
            " it restored"
        ) from None


def _unstamped(text: str) -> str:
    """``text`` without the header's ``updated=`` field: what the update time changes."""
    first, newline, rest = text.partition("\n")
    return _UPDATED_STAMP.sub("", first, count=1) + newline + rest


def _record_behind(record: Record, file: Rendering) -> bool:
    """Whether the record of an unchanged file names an older template, plugin or input."""
    return (file.lifecycle is not None and record.version_hash != file.lifecycle.version_hash) or (
        record.distribution_version,
        dict(record.context),
    ) != (
        file.artifact.entry.version,
        dict(file.context or {}),
    )
