"""``scaffold status``: each recorded artifact compared with its file and installed template.

States (``STATES``): ``current``; ``outdated``, the installed template chain hashes
differently from the recorded ``version_hash``; ``modified``, the file differs from what
scaffold wrote; ``outdated+modified``; ``missing``, the file is gone; ``unknown type``, no
installed plugin provides the recorded type; ``invalid record``, a record that cannot be
read; and ``unrecorded``, a file whose scaffold header names a template but which has no
record.
"""

import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final, Literal, get_args

from scaffold_core.discover import BrokenArtifact
from scaffold_core.errors import ScaffoldError
from scaffold_core.manager import ArtifactManager
from scaffold_core.write.record import RECORD_FOLDER, RECORD_SUFFIX
from scaffold_schemas import COMMENT_SYNTAX

__all__ = ["STATES", "ArtifactStatus", "State", "project_status"]

State = Literal[
    "current",
    "outdated",
    "modified",
    "outdated+modified",
    "missing",
    "unknown type",
    "invalid record",
    "unrecorded",
]
STATES: Final[tuple[State, ...]] = get_args(State)

_HEADER: Final = re.compile(r"scaffold: template=(\S+) version=[0-9a-f]{8} ")
_SKIPPED_FOLDERS: Final = frozenset({"node_modules", "__pycache__"})
_HEADER_BYTES: Final = 4096


@dataclass(frozen=True)
class ArtifactStatus:
    """One file: its output path (relative, POSIX), its state and its artifact type."""

    output_path: str
    state: State
    artifact_type: str | None

    def as_json(self) -> dict[str, object]:
        """``{"path", "state", "artifact_type"}``."""
        return {"path": self.output_path, "state": self.state, "artifact_type": self.artifact_type}


def project_status(manager: ArtifactManager, paths: Sequence[str] = ()) -> list[ArtifactStatus]:
    """The status of every recorded file of ``manager``'s project, then of unrecorded ones.

    ``paths`` (relative to the project root, POSIX or native) keep only the files at or
    under one of them. Sorted by output path within each group. Reads records, files and
    file headers only; each template chain is hashed once.
    """
    root = manager.project_root
    folder = root.joinpath(*RECORD_FOLDER.split("/"))
    wanted = [PurePosixPath(path.replace(os.sep, "/")) for path in paths]
    found: list[ArtifactStatus] = []
    recorded: set[str] = set()
    for record in sorted(folder.rglob(f"*{RECORD_SUFFIX}")) if folder.is_dir() else []:
        output_path = record.relative_to(folder).as_posix().removesuffix(RECORD_SUFFIX)
        recorded.add(output_path)
        if _selected(output_path, wanted):
            found.append(_recorded_status(manager, output_path, record))
    found += [
        ArtifactStatus(output_path, "unrecorded", artifact_type)
        for output_path, artifact_type in _headed_files(root)
        if output_path not in recorded and _selected(output_path, wanted)
    ]
    return found


def _selected(output_path: str, wanted: Sequence[PurePosixPath]) -> bool:
    path = PurePosixPath(output_path)
    return not wanted or any(path == w or w in path.parents for w in wanted)


def _recorded_status(manager: ArtifactManager, output_path: str, record: Path) -> ArtifactStatus:
    try:
        document = json.loads(record.read_text(encoding="utf-8"))
        artifact_type = str(document["artifact_type"])
        template, version_hash = str(document["template"]), str(document["version_hash"])
        written, pipeline = str(document["content"]), str(document["pipeline"])
    except (OSError, ValueError, KeyError, TypeError):
        return ArtifactStatus(output_path, "invalid record", None)
    if artifact_type not in manager.registry.ids() or isinstance(
        manager.registry.inspect(artifact_type), BrokenArtifact
    ):
        return ArtifactStatus(output_path, "unknown type", artifact_type)
    outdated = _installed_hash(manager, artifact_type, template, pipeline) != version_hash
    target = manager.project_root / output_path
    if not target.is_file():
        return ArtifactStatus(output_path, "missing", artifact_type)
    modified = target.read_bytes() != written.encode()
    state: State = (
        "outdated+modified"
        if outdated and modified
        else "outdated"
        if outdated
        else "modified"
        if modified
        else "current"
    )
    return ArtifactStatus(output_path, state, artifact_type)


def _installed_hash(
    manager: ArtifactManager, artifact_type: str, template: str, pipeline: str
) -> str | None:
    """The installed chain hash of the recorded template; ``None`` when it is gone."""
    manager.artifact(artifact_type)
    environment = manager.environment if pipeline == "v2" else manager.legacy_environment
    try:
        return environment.version_hash(f"{artifact_type}/{template}")
    except ScaffoldError:
        return None


def _headed_files(root: Path) -> Iterator[tuple[str, str]]:
    """``(output path, type id)`` of each file whose first line is a scaffold header.

    Only formats that have a header are read, and only their first line; hidden folders
    (``.git``, ``.scaffold``, ``.venv``) and caches are skipped.
    """
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and name not in _SKIPPED_FOLDERS
        )
        for name in sorted(files):
            if name.rpartition(".")[2] not in COMMENT_SYNTAX:
                continue
            path = Path(folder, name)
            try:
                with path.open("rb") as file:
                    first = file.read(_HEADER_BYTES).split(b"\n", 1)[0]
            except OSError:
                continue
            match = _HEADER.search(first.decode("utf-8", "replace"))
            if match:
                yield path.relative_to(root).as_posix(), match.group(1)
