"""scaffold core: discover artifact plugins, validate input, enrich, render, write safely.

The public API is re-exported here and imported on first use, so that a command that needs
only part of the core (``scaffold list``) does not pay for the rest at start-up.
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scaffold_core.architecture import (
        ArchitectureReport,
        Finding,
        validate_architecture,
    )
    from scaffold_core.discover import (
        ArtifactRegistry,
        ArtifactType,
        BrokenArtifact,
        PluginEntry,
    )
    from scaffold_core.errors import (
        BadOption,
        BatchFailed,
        InvalidInput,
        MergeUnavailable,
        NoOutputPath,
        OutputCheckFailed,
        OutputExists,
        PluginUnavailable,
        Problem,
        RecipeFailed,
        ScaffoldError,
        TemplateFailed,
        UnknownArtifactType,
        UnsafeOutputPath,
        UpdateFailed,
        UserError,
        WriteFailed,
    )
    from scaffold_core.hooks import (
        PluginHooks,
        hookimpl,
    )
    from scaffold_core.manager import (
        ArtifactManager,
        Rendering,
        ScaffoldResult,
    )

__version__ = "0.1.0"

_EXPORTS = {
    "ArchitectureReport": "scaffold_core.architecture",
    "ArtifactManager": "scaffold_core.manager",
    "ArtifactRegistry": "scaffold_core.discover",
    "ArtifactType": "scaffold_core.discover",
    "BadOption": "scaffold_core.errors",
    "BatchFailed": "scaffold_core.errors",
    "BrokenArtifact": "scaffold_core.discover",
    "Finding": "scaffold_core.architecture",
    "InvalidInput": "scaffold_core.errors",
    "MergeUnavailable": "scaffold_core.errors",
    "NoOutputPath": "scaffold_core.errors",
    "OutputCheckFailed": "scaffold_core.errors",
    "OutputExists": "scaffold_core.errors",
    "PluginEntry": "scaffold_core.discover",
    "PluginHooks": "scaffold_core.hooks",
    "PluginUnavailable": "scaffold_core.errors",
    "Problem": "scaffold_core.errors",
    "RecipeFailed": "scaffold_core.errors",
    "Rendering": "scaffold_core.manager",
    "ScaffoldError": "scaffold_core.errors",
    "ScaffoldResult": "scaffold_core.manager",
    "TemplateFailed": "scaffold_core.errors",
    "UnknownArtifactType": "scaffold_core.errors",
    "UnsafeOutputPath": "scaffold_core.errors",
    "UpdateFailed": "scaffold_core.errors",
    "UserError": "scaffold_core.errors",
    "WriteFailed": "scaffold_core.errors",
    "hookimpl": "scaffold_core.hooks",
    "validate_architecture": "scaffold_core.architecture",
}

__all__ = [
    "ArchitectureReport",
    "ArtifactManager",
    "ArtifactRegistry",
    "ArtifactType",
    "BadOption",
    "BatchFailed",
    "BrokenArtifact",
    "Finding",
    "InvalidInput",
    "MergeUnavailable",
    "NoOutputPath",
    "OutputCheckFailed",
    "OutputExists",
    "PluginEntry",
    "PluginHooks",
    "PluginUnavailable",
    "Problem",
    "RecipeFailed",
    "Rendering",
    "ScaffoldError",
    "ScaffoldResult",
    "TemplateFailed",
    "UnknownArtifactType",
    "UnsafeOutputPath",
    "UpdateFailed",
    "UserError",
    "WriteFailed",
    "__version__",
    "hookimpl",
    "validate_architecture",
]


def __getattr__(name: str) -> object:
    """Import a public name's module the first time the name is used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'scaffold_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
