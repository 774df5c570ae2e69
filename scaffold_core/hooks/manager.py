"""A typed wrapper over pluggy: loads ``scaffold.plugins`` in isolation, calls hooks by name."""

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import jinja2
import pluggy

from scaffold_core.discover.entry_points import PLUGINS_GROUP, PluginEntry, installed_entries
from scaffold_core.hooks import builtin_checks, builtin_layout
from scaffold_core.hooks.chain import call_chained
from scaffold_core.hooks.specs import PROJECT_NAME, ScaffoldHookSpecs

__all__ = ["ExtensionFailure", "PluginHooks"]


@dataclass(frozen=True)
class ExtensionFailure:
    """A ``scaffold.plugins`` extension that could not be loaded or registered."""

    entry: PluginEntry
    reason: str

    def __str__(self) -> str:
        return f"extension from {self.entry.origin}: {self.reason}"


class PluginHooks:
    """The cross-cutting extensions, behind methods whose types mypy can check.

    The core's own output checks and its layout of long Python lines are registered first,
    through the same hooks as any extension.
    An extension that fails to import or to register is recorded in ``failures`` and skipped.
    """

    def __init__(self, entries: Iterable[PluginEntry] | None = None) -> None:
        self._manager = pluggy.PluginManager(PROJECT_NAME)
        self._manager.add_hookspecs(ScaffoldHookSpecs)
        self._manager.register(builtin_checks, name="scaffold_core.builtin_checks")
        self._manager.register(builtin_layout, name="scaffold_core.builtin_layout")
        self.failures: list[ExtensionFailure] = []
        for entry in installed_entries(PLUGINS_GROUP) if entries is None else entries:
            self._register(entry)

    def _register(self, entry: PluginEntry) -> None:
        try:
            plugin: object = importlib.import_module(entry.module)
            for name in filter(None, entry.attribute.split(".")):
                plugin = getattr(plugin, name)
            registered = self._manager.register(plugin, name=f"{entry.distribution}:{entry.name}")
        except Exception as error:  # noqa: BLE001 -- a broken extension must not stop the core
            self.failures.append(ExtensionFailure(entry, f"{type(error).__name__}: {error}"))
            return
        try:
            self._manager.check_pending()
        except pluggy.PluginValidationError as error:
            self._manager.unregister(name=registered)
            self.failures.append(ExtensionFailure(entry, f"implements an unknown hook: {error}"))

    def extend_environment(self, environment: jinja2.Environment) -> None:
        """Let every extension add to the Jinja environment."""
        self._manager.hook.scaffold_extend_environment(environment=environment)

    def transform_output(self, artifact_id: str, extension: str, content: str) -> str:
        """Pass ``content`` through every transform, chained, in pluggy's call order.

        Each transform receives the previous one's result; wrappers wrap the whole chain (see
        ``scaffold_core.hooks.chain``). Raises what a transform raised, or ``TypeError`` for
        a result that is neither text nor ``None``.
        """
        return call_chained(
            self._manager.hook.scaffold_transform_output.get_hookimpls(),
            {"artifact_id": artifact_id, "extension": extension, "content": content},
            "content",
            str,
        )

    def check_output(self, artifact_id: str, extension: str, content: str) -> list[str]:
        """Every problem any check finds in ``content``."""
        results = self._manager.hook.scaffold_check_output(
            artifact_id=artifact_id, extension=extension, content=content
        )
        return [problem for problems in cast("list[list[str]]", results) for problem in problems]
