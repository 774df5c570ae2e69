"""Render: the Jinja environment, template chains and their hash, the lifecycle header."""

from scaffold_core.render.chain import DynamicTemplateReference, chain_hash, template_chain
from scaffold_core.render.environment import TemplateEnvironment
from scaffold_core.render.header import header_line, with_header
from scaffold_core.render.introspect import TemplateVariable, TemplateVariables, introspect
from scaffold_core.render.library import shared_library_path
from scaffold_core.render.stats import TemplateStats, template_stats
from scaffold_schemas import COMMENT_SYNTAX

__all__ = [
    "COMMENT_SYNTAX",
    "DynamicTemplateReference",
    "TemplateEnvironment",
    "TemplateStats",
    "TemplateVariable",
    "TemplateVariables",
    "chain_hash",
    "header_line",
    "introspect",
    "shared_library_path",
    "template_chain",
    "template_stats",
    "with_header",
]
