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
        """Return ``content`` changed (e.g. formatted), or ``None`` to leave it as it is.

        Chained: each implementation receives the content the previous one returned, in the
        order pluggy calls implementations: ``tryfirst`` ones, then unmarked ones, then
        ``trylast`` ones, the last registered first within each group. Wrappers
        (``wrapper=True`` or old-style ``hookwrapper=True``) wrap the whole chain: they get
        the content before it and, from their ``yield``, the chain's final content (or
        exception); what a new-style wrapper returns, unless ``None``, replaces it.
        """
        raise NotImplementedError

    @hookspec
    def scaffold_check_output(self, artifact_id: str, extension: str, content: str) -> list[str]:
        """Return the problems found in rendered ``content`` (empty when it is fine).

        Any problem stops the write, and the core's message names the template file. Name the
        line in each problem as the core's own checks do, ``(output line N)``: lines of
        ``content``, which is the transformed template output without scaffold's header.
        """
        raise NotImplementedError
