"""The provenance record: what scaffold wrote, kept in the project so that it can be read back.

One JSON file per file written, at ``.scaffold/records/<output path>.json`` (``RECORD_FOLDER``
under the project root): the artifact type, the template, the plugin distribution and its
version, the pipeline, the validated input, the lifecycle values (template chain hash,
creation time) and the content exactly as written, the base of a later three-way merge.

Why this layout: one small file per output path is written in the same all-or-nothing
write as the file it describes (a recipe records all its artifacts or none); two processes
that write different artifacts never touch one file; two git branches that each add
artifacts add different files, so they merge without conflict; keys are sorted and the
JSON indented, so a record reads and diffs well. The folder is reserved: no artifact is
written into it.
"""

import json
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Final

from pydantic_core import to_jsonable_python

from scaffold_core.errors import UnsafeOutputPath
from scaffold_core.render.header import utc_text
from scaffold_schemas import LifecycleMixin

__all__ = [
    "RECORD_FOLDER",
    "RECORD_FORMAT",
    "RECORD_SUFFIX",
    "Record",
    "read_record",
    "record_target",
    "record_text",
    "recorded_files",
    "writable_record_target",
]

RECORD_FOLDER: Final = ".scaffold/records"
"""Where the records live, relative to the project root (POSIX form)."""

RECORD_SUFFIX: Final = ".json"
"""What a record's file name adds to the name of the file it describes."""

RECORD_FORMAT: Final = 1
"""The version of the record's shape, stored in each record as ``format``."""


def record_target(project_root: Path, output_path: str) -> Path:
    """The record of the file at ``output_path`` (relative, POSIX): ``<output path>.json``."""
    return project_root.joinpath(*RECORD_FOLDER.split("/"), f"{output_path}{RECORD_SUFFIX}")


def writable_record_target(
    project_root: Path, output_path: str, checked: set[str] | None = None
) -> Path:
    """``record_target``, refused when a folder on its way is a symbolic link.

    A linked ``.scaffold`` (or any folder below it) would send the record out of the
    project, into another project's records. ``checked`` (relative POSIX folders found not
    to be links) spares the records of one write looking at a shared folder again: each
    folder checked is added to it. Raises ``UnsafeOutputPath`` naming the outermost link.
    """
    checked = set() if checked is None else checked
    relative = ""
    # Text, not pathlib: this runs for every file written.
    for name in [*RECORD_FOLDER.split("/"), *output_path.split("/")[:-1]]:
        relative = f"{relative}/{name}" if relative else name
        if relative in checked:
            continue
        try:
            mode = os.lstat(f"{project_root}{os.sep}{relative}").st_mode
        except (FileNotFoundError, NotADirectoryError):
            break  # not there yet: the write creates it, and what is below it, as folders
        if stat.S_ISLNK(mode):
            raise UnsafeOutputPath(
                f"{relative} is a symbolic link: scaffold keeps its records in the"
                f" project's own {RECORD_FOLDER} folder; replace the link with a folder"
            )
        checked.add(relative)
    return record_target(project_root, output_path)


@dataclass(frozen=True)
class Record:
    """A provenance record read back: the values ``record_text`` wrote.

    ``artifact_output_path`` is the output path of the artifact's main file: the file's
    own, except for the other files of a multi-file artifact. ``created`` and ``updated``
    are aware UTC datetimes (``updated`` is ``None`` until ``scaffold update``). ``text``
    is the record's JSON text as read.
    """

    artifact_type: str
    template: str
    distribution: str
    distribution_version: str
    pipeline: str
    output_path: str
    artifact_output_path: str
    version_hash: str
    created: datetime
    updated: datetime | None
    context: Mapping[str, object]
    content: str
    text: str


def recorded_files(project_root: Path) -> Iterator[str]:
    """The output path (relative, POSIX) of every record of the project, in order.

    A record is known by where it is: ``<RECORD_FOLDER>/<output path><RECORD_SUFFIX>``;
    only regular files count (a named pipe would block its reader).
    """
    folder = project_root.joinpath(*RECORD_FOLDER.split("/"))
    if not folder.is_dir() or folder.is_symlink():
        return
    for record in sorted(folder.rglob(f"*{RECORD_SUFFIX}")):
        if record.is_file():
            yield record.relative_to(folder).as_posix().removesuffix(RECORD_SUFFIX)


def read_record(project_root: Path, output_path: str) -> Record:
    """The record of the file at ``output_path`` (relative, POSIX), read and checked.

    Raises ``OSError`` when it cannot be read, ``ValueError`` (the reason) when it is no
    record of this shape: not JSON, a key missing or of the wrong type, a bad time, another
    ``format``, a ``pipeline`` other than v1 or v2, an ``output_path`` other than the one
    its place names, an ``artifact_output_path`` outside the project or in ``.scaffold``.
    """
    record = record_target(project_root, output_path)
    text = record.read_text(encoding="utf-8")
    loaded = json.loads(text)
    try:
        document = _mapping(loaded)
        main = _checked_main(document, output_path)
        updated = document.get("updated")
        return Record(
            artifact_type=_text(document, "artifact_type"),
            template=_text(document, "template"),
            distribution=_text(document, "distribution"),
            distribution_version=_text(document, "distribution_version"),
            pipeline=_text(document, "pipeline"),
            output_path=output_path,
            artifact_output_path=main,
            version_hash=_text(document, "version_hash"),
            created=_moment(_text(document, "created")),
            updated=None if updated is None else _moment(_text(document, "updated")),
            context=_mapping(document["context"]),
            content=_text(document, "content"),
            text=text,
        )
    except (KeyError, TypeError, ValueError) as wrong:
        raise ValueError(f"{record}: not a provenance record ({wrong})") from None


def _checked_main(document: Mapping[str, object], output_path: str) -> str:
    """The record's ``artifact_output_path``, once the record is found consistent.

    Raises ``ValueError`` for a record that does not say what its place says, or names a
    path it may not.
    """
    if document.get("format") != RECORD_FORMAT:
        raise ValueError(f"format {document.get('format')!r}; this scaffold reads {RECORD_FORMAT}")
    if document.get("pipeline") not in ("v1", "v2"):
        raise ValueError(f"pipeline {document.get('pipeline')!r}; expected 'v1' or 'v2'")
    if _text(document, "output_path") != output_path:
        raise ValueError(
            f"output_path {document['output_path']!r}; its place says {output_path!r}"
        )
    text = _text({"artifact_output_path": output_path, **document}, "artifact_output_path")
    main = PurePosixPath(text)
    if (
        not main.parts
        or main.is_absolute()
        or ".." in main.parts
        or "\\" in str(main)
        or main.parts[0] == RECORD_FOLDER.partition("/")[0]
    ):
        raise ValueError(f"artifact_output_path '{text}' is no file of the project")
    return text


def _mapping(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise TypeError(f"{type(value).__name__} where a mapping belongs")
    return value


def _text(document: Mapping[str, object], key: str) -> str:
    value = document[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} is not text")
    return value


def _moment(text: str) -> datetime:
    """A recorded time (``2026-01-02T03:04:05Z``) as an aware UTC datetime."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def record_text(
    *,
    artifact_type: str,
    template: str,
    distribution: str,
    version: str,
    pipeline: str,
    context: Mapping[str, object],
    lifecycle: LifecycleMixin,
    content: str,
    artifact_output_path: str,
) -> str:
    """The record of one written file, as JSON text (sorted keys, two-space indent, LF end).

    ``context`` is the validated input in JSON form (the raw input on the v1 pipeline: a
    value JSON cannot hold is stored as its text). ``artifact_output_path`` is the output
    path of the artifact's main file. ``created`` and ``updated`` are UTC, ISO 8601 with
    ``Z``.
    """
    updated = lifecycle.scaffold_updated
    document = {
        "format": RECORD_FORMAT,
        "artifact_type": artifact_type,
        "template": template,
        "distribution": distribution,
        "distribution_version": version,
        "pipeline": pipeline,
        "output_path": lifecycle.output_path,
        "artifact_output_path": artifact_output_path,
        "version_hash": lifecycle.version_hash,
        "created": utc_text(lifecycle.scaffold_created),
        "updated": updated if updated is None else utc_text(updated),
        "context": to_jsonable_python(context, fallback=str),
        "content": content,
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
