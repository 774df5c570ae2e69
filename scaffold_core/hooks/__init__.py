"""Hooks: the pluggy extension points (``scaffold.plugins``) and their typed caller."""

from scaffold_core.hooks.manager import ExtensionFailure, PluginHooks
from scaffold_core.hooks.specs import ScaffoldHookSpecs, hookimpl, hookspec

__all__ = ["ExtensionFailure", "PluginHooks", "ScaffoldHookSpecs", "hookimpl", "hookspec"]
