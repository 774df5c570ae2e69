"""Discover: find installed artifact plugins without importing them, load one when used.

The public names are imported on first use, so that reading entry points or the listing
cache (``scaffold list``, ``scaffold --version``) does not import pydantic.
"""

import importlib
import typing

if typing.TYPE_CHECKING:
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

_EXPORTS = {
    "ARTIFACTS_GROUP": "scaffold_core.discover.entry_points",
    "PLUGINS_GROUP": "scaffold_core.discover.entry_points",
    "ArtifactRegistry": "scaffold_core.discover.registry",
    "ArtifactType": "scaffold_core.discover.artifact_type",
    "BrokenArtifact": "scaffold_core.discover.registry",
    "PluginEntry": "scaffold_core.discover.entry_points",
    "PluginLoadFailure": "scaffold_core.discover.artifact_type",
    "installed_entries": "scaffold_core.discover.entry_points",
    "load_artifact_type": "scaffold_core.discover.artifact_type",
}

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


def __getattr__(name: str) -> object:
    """Import a public name's module the first time the name is used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'scaffold_core.discover' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
