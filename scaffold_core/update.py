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
  is written, the lines below it are merged (unless the user edited the header too; then
  it is merged as any line). A file with CRLF line endings is merged as LF and keeps CRLF.
- ``conflict``: both changed the same lines: the file holds standard conflict markers
  around both versions; nothing is lost. A file that still holds markers is left alone
  until they are resolved.
- ``restored``: the file was missing: the new rendering is written.
- ``added``: a file the artifact now has and had not (a new file of a multi-file
  artifact) is written.
- ``unknown type``, ``invalid record``: the file is left alone.

Every changed file and its record (the new rendering: the next merge's base) are written
in one all-or-nothing write.
"""

import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from scaffold_core.errors import ScaffoldError, UpdateFailed, UserError
from scaffold_core.manager import ArtifactManager, Rendering
from scaffold_core.render.header import split_header, without_header_times
from scaffold_core.status import PathSelection, usable_type
from scaffold_core.text_diff import file_diff
from scaffold_core.validate import merge_assignments
from scaffold_core.write import write_all
from scaffold_core.write.merge import has_conflict_markers, merge_three_way
from scaffold_core.write.record import (
    RECORD_FOLDER,
    Record,
    read_record,
    record_target,
    recorded_files,
    writable_record_target,
)

__all__ = ["FAILING_OUTCOMES", "FileUpdate", "Outcome", "UpdatePlan", "plan_update"]

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
FAILING_OUTCOMES: Final[frozenset[Outcome]] = frozenset(
    {"conflict", "unknown type", "invalid record"}
)
"""What makes ``scaffold update`` exit 1: a conflict to resolve, a file it could not update."""


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
        return "" if self.after is None else file_diff(self.output_path, self.before, self.after)


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
    manager: ArtifactManager,
    paths: Sequence[str] = (),
    assignments: Sequence[str] = (),
    *,
    base: Path | None = None,
) -> UpdatePlan:
    """What ``scaffold update`` does to the recorded artifacts that ``paths`` select.

    ``paths`` and ``base`` are as in ``project_status``; a path that selects one file of a
    multi-file artifact selects all its files. ``assignments`` are ``-s KEY=VALUE`` texts
    applied to every selected artifact's recorded input. Nothing is written (see
    ``UpdatePlan.apply``). Raises ``InvalidInput`` for a path outside the project or
    selecting nothing, ``UpdateFailed`` listing every artifact that cannot be updated (exit
    2 when all are the user's to fix: a bad ``-s``, a recorded input the new plugin version
    refuses, a file that is not UTF-8 text or not a regular file, files the artifact would
    no longer write; exit 1 when a modified file needs git and git is missing
    (``MergeUnavailable``), or the template fails).
    """
    root = manager.project_root
    wanted = PathSelection(root, paths, base)
    files: list[FileUpdate] = []
    artifacts: dict[str, dict[str, Record]] = {}
    selected: set[str] = set()
    for output_path in recorded_files(root):
        chosen = wanted(output_path)
        try:
            record = read_record(root, output_path)
        except (OSError, ValueError):
            if chosen:
                files.append(FileUpdate(output_path, "invalid record", None))
            continue
        if not usable_type(manager, record.artifact_type):
            if chosen:
                files.append(FileUpdate(output_path, "unknown type", record.artifact_type))
            continue
        artifacts.setdefault(record.artifact_output_path, {})[output_path] = record
        if chosen:
            selected.add(record.artifact_output_path)
    wanted.check_all_matched()
    failures: list[tuple[str, ScaffoldError]] = []
    planned: list[tuple[Rendering, FileUpdate, str | None]] = []
    for main in sorted(selected):
        recorded = artifacts[main]
        try:
            rendering = _render_again(manager, main, recorded, assignments)
            planned += _file_updates(manager, rendering, recorded)
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
            records_written.append(writable_record_target(root, update.output_path))
            writes.append((records_written[-1], record_text))
    files.sort(key=lambda file: file.output_path)
    return UpdatePlan(tuple(files), tuple(writes), tuple(records_written))


def _render_again(
    manager: ArtifactManager,
    main: str,
    recorded: dict[str, Record],
    assignments: Sequence[str],
) -> Rendering:
    """The artifact whose main file is ``main``, rendered from its recorded input.

    The input is the main file's record's (any file's when that one is gone). Raises
    ``UserError`` when the main file's path holds no regular file (rendering into a
    folder would move the file; the other files are checked as they are read) or the
    rendering would no longer write a recorded file (an update never moves or drops a file),
    ``InvalidInput`` for input the plugin now refuses, ``OutputCheckFailed`` for invalid
    output (a template bug), any ``ScaffoldError`` of rendering.
    """
    _regular_or_absent(manager.project_root, main)
    record = recorded.get(main) or next(iter(recorded.values()))
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
    dropped = sorted(recorded.keys() - {str(file.output_path) for file in rendering.files})
    if dropped:
        cause = "with the input changed by -s" if assignments else "as installed now"
        raise UserError(
            f"the template {cause} no longer writes {', '.join(dropped)} (the artifact's files"
            " would move or go): update keeps every file where it is; to let one go, delete"
            f" its record in {RECORD_FOLDER}/, or scaffold a new artifact with 'scaffold new'"
        )
    return rendering


def _file_updates(
    manager: ArtifactManager, rendering: Rendering, recorded: dict[str, Record]
) -> Iterator[tuple[Rendering, FileUpdate, str | None]]:
    """Each file of ``rendering``: the file, its update, its new record's text (if any).

    A file with no readable record is new to the artifact (``added``), unless it has a
    record scaffold could not read, which was reported already.
    """
    main = str(rendering.output_path)
    for file in rendering.files:
        output_path = str(file.output_path)
        record = recorded.get(output_path)
        if record is None and record_target(manager.project_root, output_path).exists():
            continue
        update = _file_update(manager, file, record)
        if update.after is not None:
            yield file, update, file.record(main)
        elif record is not None and update.outcome == "current":
            # The file stays as it is, so does the merge base; the rest is brought up to date.
            lifecycle = file.lifecycle and file.lifecycle.model_copy(
                update={"scaffold_updated": record.updated}
            )
            refreshed = file.record(main, content=record.content, lifecycle=lifecycle)
            yield file, update, refreshed if refreshed != record.text else None
        else:
            yield file, update, None


def _file_update(manager: ArtifactManager, file: Rendering, record: Record | None) -> FileUpdate:
    """What happens to ``file``'s path: see ``Outcome``. ``record`` is ``None`` for a new file."""
    output_path, artifact_type = str(file.output_path), file.artifact.artifact_id
    before = _current_text(manager.project_root, output_path)
    theirs = file.content
    if before is None:
        outcome: Outcome = "added" if record is None else "restored"
        return FileUpdate(output_path, outcome, artifact_type, None, theirs)
    base = "" if record is None else record.content
    if record is not None and without_header_times(theirs) == without_header_times(base):
        return FileUpdate(output_path, "current", artifact_type, before)
    if record is not None and before == base:
        return FileUpdate(output_path, "replaced", artifact_type, before, theirs)
    if has_conflict_markers(before):
        # Merging again would nest markers in markers: the user resolves the first conflict.
        return FileUpdate(output_path, "conflict", artifact_type, before)
    crlf = "\r\n" in before and before.count("\r\n") == before.count("\n")
    ours = before.replace("\r\n", "\n") if crlf else before
    header, theirs_body = split_header(theirs)
    if split_header(ours)[0] != split_header(base)[0]:
        # The user edited the header line too: merged as any line, so the edit is kept.
        header, theirs_body = "", theirs
    version = "" if file.lifecycle is None else f" {file.lifecycle.version_hash}"
    merged = merge_three_way(
        base if not header else split_header(base)[1],
        ours if not header else split_header(ours)[1],
        theirs_body,
        labels=(
            f"{output_path} (yours)",
            f"{output_path} (as scaffold wrote it)",
            f"{output_path} (template {artifact_type}{version})",
        ),
        folder=manager.project_root,
    )
    after = header + merged.text
    outcome = "conflict" if merged.conflicts else "merged"
    return FileUpdate(
        output_path,
        outcome,
        artifact_type,
        before,
        after.replace("\n", "\r\n") if crlf else after,
    )


def _regular_or_absent(project_root: Path, output_path: str) -> None:
    """Refuse a recorded file's path that holds a folder, a link or another non-file.

    Raises ``UserError``: an update writes a file there, and never into or through it.
    """
    try:
        mode = (project_root / output_path).lstat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(mode)
            else "a symbolic link"
            if stat.S_ISLNK(mode)
            else "not a regular file"
        )
        raise UserError(
            f"{output_path} is {kind}, where scaffold recorded a file: move it away, and"
            " the update restores the file"
        )


def _current_text(project_root: Path, output_path: str) -> str | None:
    """The text of the file at ``output_path`` now; ``None`` when there is none.

    Raises ``UserError`` when it is not text (not UTF-8, or holding a NUL byte): a merge
    would have to guess; or when it is no regular file (``_regular_or_absent``).
    """
    _regular_or_absent(project_root, output_path)
    target = project_root / output_path
    if not target.exists():
        return None
    data = target.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{output_path} is not UTF-8 text (byte {data[error.start]:#04x} at offset"
            f" {error.start}): scaffold merges text; save it as UTF-8, or delete it to have"
            " it restored"
        ) from None
    if "\0" in text:
        raise UserError(
            f"{output_path} holds a NUL byte (offset {text.index(chr(0))}): scaffold merges"
            " text; remove it, or delete the file to have it restored"
        )
    return text
