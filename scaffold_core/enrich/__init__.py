"""Enrich: add the lifecycle fields and decide where the artifact goes."""

from scaffold_core.enrich.lifecycle import enrich
from scaffold_core.enrich.output_path import (
    check_pattern_fields,
    choose_output_path,
    expand_pattern,
    file_in_folder,
)
from scaffold_core.enrich.project_settings import ProjectSettings, find_project_root

__all__ = [
    "ProjectSettings",
    "check_pattern_fields",
    "choose_output_path",
    "enrich",
    "expand_pattern",
    "file_in_folder",
    "find_project_root",
]
