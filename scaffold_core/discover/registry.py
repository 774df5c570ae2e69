"""The set of installed artifact types: read once, each plugin imported only when used."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from threading import Lock

from scaffold_core.discover.artifact_type import (
    ArtifactType,
    PluginLoadFailure,
    load_artifact_type,
)
from scaffold_core.discover.entry_points import ARTIFACTS_GROUP, PluginEntry, installed_entries
from scaffold_core.errors import PluginUnavailable, UnknownArtifactType

__all__ = ["ArtifactRegistry", "BrokenArtifact"]


@dataclass(frozen=True)
class BrokenArtifact:
    """An artifact type that is installed but cannot be used, and why."""

    artifact_id: str
    entries: tuple[PluginEntry, ...]
    reason: str
    rule: str

    def __str__(self) -> str:
        origins = "; ".join(entry.origin for entry in self.entries)
        return f"artifact type '{self.artifact_id}' from {origins}: {self.reason}"


class ArtifactRegistry:
    """Artifact types by id, from installed entry points or from an explicit list of entries.

    Reading entries imports nothing; ``get`` imports one plugin, once, and remembers the
    outcome (a loaded type or the reason it is broken). Safe to share between threads.
    """

    def __init__(self, entries: Iterable[PluginEntry] | None = None) -> None:
        found = installed_entries(ARTIFACTS_GROUP) if entries is None else entries
        self._entries: dict[str, list[PluginEntry]] = defaultdict(list)
        for entry in found:
            self._entries[entry.name].append(entry)
        self._loaded: dict[str, ArtifactType | BrokenArtifact] = {}
        self._lock = Lock()

    def ids(self) -> list[str]:
        """Every installed artifact type id, sorted; nothing is imported."""
        return sorted(self._entries)

    def entries(self, artifact_id: str) -> tuple[PluginEntry, ...]:
        """The entry points that claim ``artifact_id`` (more than one is a conflict)."""
        return tuple(self._entries.get(artifact_id, ()))

    def inspect(self, artifact_id: str) -> ArtifactType | BrokenArtifact:
        """Load ``artifact_id`` and return it, or the reason it cannot be used."""
        if artifact_id not in self._entries:
            raise UnknownArtifactType(artifact_id, self.ids())
        with self._lock:
            if artifact_id not in self._loaded:
                self._loaded[artifact_id] = _load(artifact_id, self._entries[artifact_id])
            return self._loaded[artifact_id]

    def get(self, artifact_id: str) -> ArtifactType:
        """The usable artifact type ``artifact_id``; raises when unknown or broken."""
        outcome = self.inspect(artifact_id)
        if isinstance(outcome, BrokenArtifact):
            raise PluginUnavailable(str(outcome))
        return outcome

    def inspect_all(self) -> list[ArtifactType | BrokenArtifact]:
        """Every installed artifact type, loaded or broken, sorted by id."""
        return [self.inspect(artifact_id) for artifact_id in self.ids()]


def _load(artifact_id: str, entries: list[PluginEntry]) -> ArtifactType | BrokenArtifact:
    if len(entries) > 1:
        claimants = " and ".join(f"'{entry.distribution}'" for entry in entries)
        return BrokenArtifact(
            artifact_id,
            tuple(entries),
            f"the id is claimed by {len(entries)} distributions ({claimants});"
            " uninstall one of them",
            "ARCH008",
        )
    try:
        return load_artifact_type(entries[0])
    except PluginLoadFailure as failure:
        return BrokenArtifact(artifact_id, tuple(entries), str(failure), failure.rule)
