"""The names of a new plugin: its artifact id, class prefix, distribution and package.

Each rule says why a name would break the plugin the user is about to generate: the core's
naming convention (id ``cli_command`` ↔ ``CliCommandContext``), an id or distribution
another installed plugin already has, a package Python could not import as its own.
"""

import importlib.metadata
import keyword
import sys
from typing import Annotated, Final

from scaffold_schemas import Matches, SingleLineText, SnakeCaseName, kebab_case

__all__ = [
    "BUNDLED_IDS",
    "MAX_DISTRIBUTION_LENGTH",
    "MAX_ID_LENGTH",
    "ArtifactId",
    "DistributionName",
    "class_name_problem",
    "default_distribution",
    "distribution_problem",
    "id_problem",
    "installed_ids",
    "package_of",
]

BUNDLED_IDS: Final = frozenset(
    {
        "adapter",
        "architecture",
        "artifact_plugin",
        "commit",
        "design",
        "dto",
        "generic",
        "integration_test",
        "interface",
        "issue",
        "planning",
        "pr",
        "reference",
        "research",
        "resource",
        "schema",
        "service",
        "tool",
        "tracking",
        "unit_test",
        "worker",
    }
)
"""The ids of the types scaffold bundles: reserved, installed here or not."""

# The generated module imports these names; a Context class named like one would clash.
_IMPORTED_CLASSES: Final = frozenset({"BaseContext", "BaseRenderContext", "BaseDocumentContext"})

# Packages the generated plugin meets wherever it is installed, whatever is installed here
# (an editable install of the core is no top-level package of its distribution's).
_RESERVED_PACKAGES: Final = {
    **dict.fromkeys(("scaffold_core", "scaffold_schemas"), "a package scaffold needs"),
    # Its build backend and dev extra (templates/artifact_plugin.toml.jinja2).
    **dict.fromkeys(("hatchling", "mypy", "pytest", "ruff"), "a tool it is built or checked with"),
    "tests": "the tests folder the generated distribution ships beside its package",
}

MAX_ID_LENGTH: Final = 64
"""The longest id: its file names (``<id>.examples.yaml``...) stay far below 255 bytes."""

MAX_DISTRIBUTION_LENGTH: Final = 100
"""The longest distribution name: its package is a folder name, so is the distribution."""

ArtifactId = Annotated[
    SnakeCaseName,
    Matches(
        r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*",
        "expected an artifact type id: lowercase words joined by single underscores,"
        " starting with a letter, e.g. 'cli_command'",
    ),
]
"""An artifact type id: ``cli_command``; no leading, trailing or doubled underscore."""

DistributionName = Annotated[
    SingleLineText,
    Matches(
        r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*",
        "expected a distribution name: letters and digits, words joined by single '-', '_'"
        " or '.', starting with a letter, e.g. 'scaffold-artifact-cli-command'",
        stripped=True,
    ),
]
"""A distribution name as pip accepts it, e.g. ``acme-artifact-handler``."""


def installed_ids() -> frozenset[str]:
    """The artifact type ids the installed distributions declare (``scaffold.artifacts``)."""
    entries = importlib.metadata.entry_points().select(group="scaffold.artifacts")
    return frozenset(entry.name for entry in entries)


def id_problem(artifact_id: str) -> str | None:
    """Why ``artifact_id`` cannot be the new type's id, or ``None`` when it can."""
    if len(artifact_id) > MAX_ID_LENGTH:
        return f"an id has at most {MAX_ID_LENGTH} characters, not {len(artifact_id)}"
    if artifact_id in BUNDLED_IDS:
        return f"'{artifact_id}' is reserved: a type scaffold bundles has this id"
    if artifact_id in installed_ids():
        return f"an installed plugin already provides the artifact type '{artifact_id}'"
    prefix = artifact_id.replace("_", "")
    clash = next((name for name in _IMPORTED_CLASSES if name.lower() == f"{prefix}context"), None)
    if clash is not None:
        return f"its Context class would be named '{clash}', like the class it subclasses"
    return None


def class_name_problem(class_name: str, artifact_id: str) -> str | None:
    """Why ``class_name`` cannot prefix the Context class of ``artifact_id``, or ``None``."""
    if class_name.lower() == artifact_id.replace("_", ""):
        return None
    return (
        f"'{class_name}' does not match the id '{artifact_id}' by the naming convention"
        " (case and underscores ignored, as 'cli_command' and 'CliCommand')"
    )


def package_of(distribution: str) -> str:
    """The import package of a distribution: lowercase, ``-`` and ``.`` as ``_``."""
    return distribution.lower().replace("-", "_").replace(".", "_")


def default_distribution(artifact_id: str) -> str:
    """``scaffold-artifact-cli-command`` for ``cli_command``."""
    return f"scaffold-artifact-{kebab_case(artifact_id)}"


def distribution_problem(distribution: str) -> str | None:
    """Why ``distribution`` cannot be the new plugin's distribution, or ``None``."""
    package = package_of(distribution)
    if len(distribution) > MAX_DISTRIBUTION_LENGTH:
        return (
            f"a distribution name has at most {MAX_DISTRIBUTION_LENGTH} characters,"
            f" not {len(distribution)}"
        )
    if keyword.iskeyword(package):
        reason = "a Python keyword"
    elif package in sys.stdlib_module_names:
        reason = "a module of the standard library"
    elif package in _RESERVED_PACKAGES:
        reason = _RESERVED_PACKAGES[package]
    elif owners := importlib.metadata.packages_distributions().get(package):
        # Installed beside them, it would overwrite their files (PyYAML's yaml/__init__.py).
        named = ", ".join(f"'{owner}'" for owner in dict.fromkeys(owners))
        reason = f"the import package of the installed distribution {named}"
    else:
        # Its own name, installed (an editable install lists no import package).
        try:
            importlib.metadata.distribution(distribution)
        except importlib.metadata.PackageNotFoundError:
            return None
        return f"the distribution '{distribution}' is already installed"
    return f"its package '{package}' would replace {reason}: choose another distribution name"
