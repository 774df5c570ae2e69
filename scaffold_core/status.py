"""``scaffold status``: each recorded artifact compared with its file and installed template.

States (``STATES``): ``current``; ``outdated``, the installed template chain hashes
differently from the recorded ``version_hash``; ``modified``, the file differs from what
scaffold wrote; ``outdated+modified``; ``missing``, the file is gone; ``unknown type``, no
installed plugin provides the recorded type; ``invalid record``, a record that cannot be
read; and ``unrecorded``, a file whose scaffold header names a template but which has no
record.
"""

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final, Literal, get_args

from scaffold_core.discover import BrokenArtifact
from scaffold_core.errors import ScaffoldError
from scaffold_core.manager import ArtifactManager
from scaffold_core.render.header import HEADER
from scaffold_core.write.record import Record, read_record, recorded_files
from scaffold_schemas import COMMENT_SYNTAX

__all__ = [
    "STATES",
    "ArtifactStatus",
    "State",
    "path_filter",
    "project_status",
    "usable_type",
]

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
    wanted = path_filter(paths)
    found: list[ArtifactStatus] = []
    recorded: set[str] = set()
    for output_path, record in recorded_files(root):
        recorded.add(output_path)
        if wanted(output_path):
            found.append(_recorded_status(manager, output_path, record))
    found += [
        ArtifactStatus(output_path, "unrecorded", artifact_type)
        for output_path, artifact_type in _headed_files(root)
        if output_path not in recorded and wanted(output_path)
    ]
    return found


def path_filter(paths: Sequence[str]) -> Callable[[str], bool]:
    """Whether an output path (relative, POSIX) is one of ``paths`` or under one of them.

    ``paths`` are relative to the project root, POSIX or native; none means every path.
    """
    wanted = [PurePosixPath(path.replace(os.sep, "/")) for path in paths]

    def wanted_path(output_path: str) -> bool:
        path = PurePosixPath(output_path)
        return not wanted or any(path == w or w in path.parents for w in wanted)

    return wanted_path


def _recorded_status(manager: ArtifactManager, output_path: str, record: Path) -> ArtifactStatus:
    try:
        found = read_record(record)
    except (OSError, ValueError):
        return ArtifactStatus(output_path, "invalid record", None)
    artifact_type = found.artifact_type
    if not usable_type(manager, artifact_type):
        return ArtifactStatus(output_path, "unknown type", artifact_type)
    outdated = _installed_hash(manager, found) != found.version_hash
    target = manager.project_root / output_path
    if not target.is_file():
        return ArtifactStatus(output_path, "missing", artifact_type)
    modified = target.read_bytes() != found.content.encode()
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


def usable_type(manager: ArtifactManager, artifact_type: str) -> bool:
    """Whether an installed plugin provides ``artifact_type`` and loads."""
    return artifact_type in manager.registry.ids() and not isinstance(
        manager.registry.inspect(artifact_type), BrokenArtifact
    )


def _installed_hash(manager: ArtifactManager, record: Record) -> str | None:
    """The installed chain hash of the recorded template; ``None`` when it is gone."""
    manager.artifact(record.artifact_type)
    environment = manager.environment if record.pipeline == "v2" else manager.legacy_environment
    try:
        return environment.version_hash(f"{record.artifact_type}/{record.template}")
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
            match = HEADER.search(first.decode("utf-8", "replace"))
            if match:
                yield path.relative_to(root).as_posix(), match.group(1)
