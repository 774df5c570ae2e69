"""Load one artifact plugin: import its module and check it against the contract."""

import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

from scaffold_core.discover.entry_points import PluginEntry
from scaffold_core.discover.naming import (
    CONTEXT_SUFFIX,
    extension_of,
    legacy_template_file,
    render_context_name,
    template_files,
)
from scaffold_schemas import BaseContext, BaseRenderContext

__all__ = ["ArtifactType", "PluginLoadFailure", "load_artifact_type"]

TEMPLATE_DIR = "templates"


class PluginLoadFailure(Exception):
    """Why a plugin cannot be used, in one sentence that names the culprit.

    ``rule`` is the validate-architecture rule the failure breaks (see
    ``docs/architecture-rules.md``).
    """

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class ArtifactType:
    """A loaded, contract-conforming artifact plugin."""

    entry: PluginEntry
    context_class: type[BaseContext]
    render_context_class: type[BaseRenderContext]
    template_dir: Path
    template_file: str

    @property
    def artifact_id(self) -> str:
        """The artifact type id (the entry point's name)."""
        return self.entry.name

    @property
    def extension(self) -> str:
        """The extension of the files this artifact type produces, e.g. ``py``."""
        return extension_of(self.template_file)

    @property
    def template_name(self) -> str:
        """The v2 template's name in the shared Jinja environment."""
        return f"{self.artifact_id}/{self.template_file}"

    @property
    def legacy_template_name(self) -> str | None:
        """The v1 template's name in the Jinja environment, when the plugin ships one."""
        legacy = legacy_template_file(self.template_file)
        return f"{self.artifact_id}/{legacy}" if (self.template_dir / legacy).is_file() else None


def load_artifact_type(entry: PluginEntry) -> ArtifactType:
    """Import the entry point's module and resolve every piece the contract asks for.

    Raises ``PluginLoadFailure`` naming what is missing or wrong; any exception raised while
    importing the plugin is turned into one too, so a broken plugin never escapes as a crash.
    """
    context_class = _context_class(entry)
    module = inspect.getmodule(context_class)
    render_name = render_context_name(context_class.__name__)
    render_class = getattr(module, render_name, None)
    if render_class is None:
        raise PluginLoadFailure(
            "ARCH003",
            f"module '{entry.module}' defines no '{render_name}' (the RenderContext the naming"
            f" convention derives from '{context_class.__name__}')",
        )
    if not (
        isinstance(render_class, type)
        and issubclass(render_class, context_class)
        and issubclass(render_class, BaseRenderContext)
    ):
        raise PluginLoadFailure(
            "ARCH003",
            f"'{entry.module}.{render_name}' must subclass both '{context_class.__name__}'"
            " and scaffold_schemas.BaseRenderContext",
        )
    template_dir = Path(inspect.getfile(context_class)).parent / TEMPLATE_DIR
    found = template_files(template_dir, entry.name) if template_dir.is_dir() else []
    if len(found) != 1:
        problem = "no template" if not found else f"{len(found)} templates ({', '.join(found)})"
        raise PluginLoadFailure(
            "ARCH005",
            f"{problem} for '{entry.name}' in {template_dir}: expected exactly one"
            f" '{entry.name}.<ext>.jinja2'",
        )
    return ArtifactType(entry, context_class, render_class, template_dir, found[0])


def _context_class(entry: PluginEntry) -> type[BaseContext]:
    if not entry.attribute:
        raise PluginLoadFailure(
            "ARCH001", f"entry point value '{entry.value}' must be 'module:ClassContext'"
        )
    try:
        target: object = importlib.import_module(entry.module)
        for name in entry.attribute.split("."):
            target = getattr(target, name)
    except Exception as error:
        raise PluginLoadFailure(
            "ARCH001", f"cannot load '{entry.value}': {type(error).__name__}: {error}"
        ) from error
    if not (isinstance(target, type) and target.__name__.endswith(CONTEXT_SUFFIX)):
        raise PluginLoadFailure(
            "ARCH001", f"'{entry.value}' must name a class whose name ends in '{CONTEXT_SUFFIX}'"
        )
    if not issubclass(target, BaseContext) or issubclass(target, BaseRenderContext):
        raise PluginLoadFailure(
            "ARCH001",
            f"'{target.__name__}' must subclass scaffold_schemas.BaseContext"
            " (and not BaseRenderContext)",
        )
    return target
