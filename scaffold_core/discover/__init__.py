"""Discover: find installed artifact plugins without importing them, load one when used."""

from scaffold_core.discover.artifact_type import (
    ArtifactType,
    PluginLoadFailure,
    load_artifact_type,
)
from scaffold_core.discover.entry_points import (
    ARTIFACTS_GROUP,
    PLUGINS_GROUP,
    PluginEntry,
    installed_entries,
)
from scaffold_core.discover.registry import ArtifactRegistry, BrokenArtifact

__all__ = [
    "ARTIFACTS_GROUP",
    "PLUGINS_GROUP",
    "ArtifactRegistry",
    "ArtifactType",
    "BrokenArtifact",
    "PluginEntry",
    "PluginLoadFailure",
    "installed_entries",
    "load_artifact_type",
]
