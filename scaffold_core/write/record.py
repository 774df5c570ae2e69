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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from pydantic_core import to_jsonable_python

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


@dataclass(frozen=True)
class Record:
    """A provenance record read back: the values ``record_text`` wrote.

    ``artifact_output_path`` is the output path of the artifact's main file: the file's
    own, except for the other files of a multi-file artifact. ``created`` and ``updated``
    are aware UTC datetimes (``updated`` is ``None`` until ``scaffold update``).
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


def recorded_files(project_root: Path) -> Iterator[tuple[str, Path]]:
    """``(output path, record file)`` of every record of the project, by output path."""
    folder = project_root.joinpath(*RECORD_FOLDER.split("/"))
    if not folder.is_dir():
        return
    for record in sorted(folder.rglob(f"*{RECORD_SUFFIX}")):
        yield record.relative_to(folder).as_posix().removesuffix(RECORD_SUFFIX), record


def read_record(record: Path) -> Record:
    """The record in the file ``record``.

    Raises ``OSError`` when it cannot be read, ``ValueError`` when it is not a record of
    this shape (not JSON, a key missing or of the wrong type, a bad time).
    """
    loaded = json.loads(record.read_text(encoding="utf-8"))
    try:
        document = _mapping(loaded)
        output_path = _text(document, "output_path")
        updated = document.get("updated")
        return Record(
            artifact_type=_text(document, "artifact_type"),
            template=_text(document, "template"),
            distribution=_text(document, "distribution"),
            distribution_version=_text(document, "distribution_version"),
            pipeline=_text(document, "pipeline"),
            output_path=output_path,
            artifact_output_path=_text(
                {"artifact_output_path": output_path, **document}, "artifact_output_path"
            ),
            version_hash=_text(document, "version_hash"),
            created=_moment(_text(document, "created")),
            updated=None if updated is None else _moment(_text(document, "updated")),
            context=_mapping(document["context"]),
            content=_text(document, "content"),
        )
    except (KeyError, TypeError) as missing:
        raise ValueError(f"{record}: not a provenance record ({missing})") from None


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
