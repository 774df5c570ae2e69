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
from collections.abc import Mapping
from datetime import UTC
from pathlib import Path
from typing import Final

from pydantic_core import to_jsonable_python

from scaffold_schemas import LifecycleMixin

__all__ = ["RECORD_FOLDER", "RECORD_FORMAT", "RECORD_SUFFIX", "record_target", "record_text"]

RECORD_FOLDER: Final = ".scaffold/records"
"""Where the records live, relative to the project root (POSIX form)."""

RECORD_SUFFIX: Final = ".json"
"""What a record's file name adds to the name of the file it describes."""

RECORD_FORMAT: Final = 1
"""The version of the record's shape, stored in each record as ``format``."""


def record_target(project_root: Path, output_path: str) -> Path:
    """The record of the file at ``output_path`` (relative, POSIX): ``<output path>.json``."""
    return project_root.joinpath(*RECORD_FOLDER.split("/"), f"{output_path}{RECORD_SUFFIX}")


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
) -> str:
    """The record of one written file, as JSON text (sorted keys, two-space indent, LF end).

    ``context`` is the validated input in JSON form (the raw input on the v1 pipeline: a
    value JSON cannot hold is stored as its text). ``created`` is UTC, ISO 8601 with ``Z``.
    """
    created = lifecycle.scaffold_created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    document = {
        "format": RECORD_FORMAT,
        "artifact_type": artifact_type,
        "template": template,
        "distribution": distribution,
        "distribution_version": version,
        "pipeline": pipeline,
        "output_path": lifecycle.output_path,
        "version_hash": lifecycle.version_hash,
        "created": created,
        "updated": None,
        "context": to_jsonable_python(context, fallback=str),
        "content": content,
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
