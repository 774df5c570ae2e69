"""scaffold core: discover artifact plugins, validate input, enrich, render, write safely."""

from scaffold_core.architecture import ArchitectureReport, Finding, validate_architecture
from scaffold_core.discover import ArtifactRegistry, ArtifactType, BrokenArtifact, PluginEntry
from scaffold_core.errors import (
    BadOption,
    InvalidInput,
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
    UserError,
    WriteFailed,
)
from scaffold_core.hooks import PluginHooks, hookimpl
from scaffold_core.manager import ArtifactManager, Rendering, ScaffoldResult

__version__ = "0.1.0"

__all__ = [
    "ArchitectureReport",
    "ArtifactManager",
    "ArtifactRegistry",
    "ArtifactType",
    "BadOption",
    "BrokenArtifact",
    "Finding",
    "InvalidInput",
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
    "UserError",
    "WriteFailed",
    "__version__",
    "hookimpl",
    "validate_architecture",
]
