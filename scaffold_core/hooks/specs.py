"""The hooks a ``scaffold.plugins`` extension may implement.

An extension is any object (usually a module) with functions marked ``@hookimpl`` and named
like the specifications below, registered through the entry-point group ``scaffold.plugins``.
"""

import jinja2
import pluggy

__all__ = ["PROJECT_NAME", "ScaffoldHookSpecs", "hookimpl", "hookspec"]

PROJECT_NAME = "scaffold"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class ScaffoldHookSpecs:
    """Hook specifications; each is called by ``scaffold_core.hooks.manager.PluginHooks``."""

    @hookspec
    def scaffold_extend_environment(self, environment: jinja2.Environment) -> None:
        """Add filters, tests or globals to the one Jinja environment, once, at creation."""

    @hookspec
    def scaffold_transform_output(self, artifact_id: str, extension: str, content: str) -> str:
        """Return ``content`` changed (e.g. formatted); called in registration order, chained."""
        raise NotImplementedError

    @hookspec
    def scaffold_check_output(self, artifact_id: str, extension: str, content: str) -> list[str]:
        """Return the problems found in rendered ``content`` (empty when it is fine)."""
        raise NotImplementedError
