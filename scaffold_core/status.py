"""``scaffold status``: each recorded artifact compared with its file and installed template.

States (``STATES``): ``current``; ``outdated``, the installed template chain hashes
differently from the recorded ``version_hash``; ``modified``, the file differs from what
scaffold wrote; ``outdated+modified``; ``conflict``, the file holds conflict markers still
to resolve; ``missing``, the file is gone; ``unknown type``, no
installed plugin provides the recorded type; ``invalid record``, a record that cannot be
read; and ``unrecorded``, a file whose scaffold header names a template but which has no
record.
"""

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final, Literal, get_args

from scaffold_core.discover import BrokenArtifact
from scaffold_core.errors import InvalidInput, Problem, ScaffoldError
from scaffold_core.manager import ArtifactManager
from scaffold_core.render.header import HEADER
from scaffold_core.write.merge import has_conflict_markers
from scaffold_core.write.record import Record, read_record, recorded_files
from scaffold_schemas import COMMENT_SYNTAX

__all__ = [
    "FAILING_STATES",
    "STATES",
    "ArtifactStatus",
    "PathSelection",
    "State",
    "project_status",
    "usable_type",
]

State = Literal[
    "current",
    "outdated",
    "modified",
    "outdated+modified",
    "conflict",
    "missing",
    "unknown type",
    "invalid record",
    "unrecorded",
]
STATES: Final[tuple[State, ...]] = get_args(State)
FAILING_STATES: Final[frozenset[State]] = frozenset(
    {"outdated", "outdated+modified", "conflict", "missing"}
)
"""What ``status --check`` fails on: a file to update, to restore or to resolve."""

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


def project_status(
    manager: ArtifactManager, paths: Sequence[str] = (), *, base: Path | None = None
) -> list[ArtifactStatus]:
    """The status of every recorded file of ``manager``'s project, then of unrecorded ones.

    ``paths`` keep only the files at or under one of them (see ``PathSelection``; ``base``
    is the folder relative paths start from). Sorted by output path within each group.
    Reads records, files and file headers only; each template chain is hashed once. Raises
    ``InvalidInput`` naming each path outside the project or that selects no file.
    """
    root = manager.project_root
    wanted = PathSelection(root, paths, base)
    found: list[ArtifactStatus] = []
    recorded: set[str] = set()
    for output_path in recorded_files(root):
        recorded.add(output_path)
        if wanted(output_path):
            found.append(_recorded_status(manager, output_path))
    found += [
        ArtifactStatus(output_path, "unrecorded", artifact_type)
        for output_path, artifact_type in _headed_files(root)
        if output_path not in recorded and wanted(output_path)
    ]
    wanted.check_all_matched()
    return found


class PathSelection:
    """The files that ``PATH...`` arguments select: those at or under one of them.

    Each path is absolute, or relative to ``base`` (default: the project root; the CLI
    passes the working folder, or ``-C DIR``), and must lie inside ``project_root``; none
    selects every file. Raises ``InvalidInput`` naming each path outside the project.
    Calling the selection with an output path (relative, POSIX) says whether it is
    selected, and notes which paths selected something (``check_all_matched``).
    """

    def __init__(self, project_root: Path, paths: Sequence[str], base: Path | None = None) -> None:
        problems: list[Problem] = []
        self._wanted: list[tuple[str, PurePosixPath]] = []
        for given in paths:
            absolute = Path(os.path.normpath((base or project_root) / given))
            if not given or not absolute.is_relative_to(project_root):
                expected = f"a file or folder inside the project ({project_root})"
                problems.append(Problem(f"PATH '{given}'", "", expected))
                continue
            self._wanted.append((given, PurePosixPath(absolute.relative_to(project_root))))
        if problems:
            raise InvalidInput("the paths given", problems)
        self._matched: set[str] = set()

    def __call__(self, output_path: str) -> bool:
        """Whether the file at ``output_path`` is selected."""
        if not self._wanted:
            return True
        path = PurePosixPath(output_path)
        hits = [given for given, w in self._wanted if w == path or w in path.parents]
        self._matched.update(hits)
        return bool(hits)

    def check_all_matched(self) -> None:
        """Raise ``InvalidInput`` naming each path that selected no file (a typo)."""
        problems = [
            Problem(f"PATH '{given}'", "", "selects no recorded or scaffold-headed file")
            for given, _ in self._wanted
            if given not in self._matched
        ]
        if problems:
            raise InvalidInput("the paths given", problems)


def _recorded_status(manager: ArtifactManager, output_path: str) -> ArtifactStatus:
    try:
        found = read_record(manager.project_root, output_path)
    except (OSError, ValueError):
        return ArtifactStatus(output_path, "invalid record", None)
    artifact_type = found.artifact_type
    if not usable_type(manager, artifact_type):
        return ArtifactStatus(output_path, "unknown type", artifact_type)
    outdated = _installed_hash(manager, found) != found.version_hash
    target = manager.project_root / output_path
    if not target.is_file():
        return ArtifactStatus(output_path, "missing", artifact_type)
    now = target.read_bytes()
    modified = now != found.content.encode()
    if modified and has_conflict_markers(now.decode("utf-8", "replace")):
        return ArtifactStatus(output_path, "conflict", artifact_type)
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
            if not path.is_file():
                continue  # a named pipe or a device would block the read
            try:
                with path.open("rb") as file:
                    first = file.read(_HEADER_BYTES).split(b"\n", 1)[0]
            except OSError:
                continue
            match = HEADER.search(first.decode("utf-8", "replace"))
            if match:
                yield path.relative_to(root).as_posix(), match.group(1)
