"""Pipelines: the ways a request becomes rendered text (v2 schema-first, v1 legacy)."""

from scaffold_core.pipelines.flag import FLAG, PIPELINES, Pipeline, choose_pipeline
from scaffold_core.pipelines.v1 import accept_v1, render_v1
from scaffold_core.pipelines.v2 import render_v2, template_variables

__all__ = [
    "FLAG",
    "PIPELINES",
    "Pipeline",
    "accept_v1",
    "choose_pipeline",
    "render_v1",
    "render_v2",
    "template_variables",
]
