"""Pipelines: the ways a validated request becomes rendered text."""

from scaffold_core.pipelines.v2 import render_v2

__all__ = ["render_v2"]
