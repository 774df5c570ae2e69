"""Enrich: add the lifecycle fields and decide where the artifact goes."""

from scaffold_core.enrich.lifecycle import enrich
from scaffold_core.enrich.output_path import ProjectSettings, choose_output_path, expand_pattern

__all__ = ["ProjectSettings", "choose_output_path", "enrich", "expand_pattern"]
