"""How much defensive code a template carries: its size and its ``| default`` guards."""

from dataclasses import asdict, dataclass

import jinja2
from jinja2 import nodes

from scaffold_core.render.chain import template_chain, template_source
from scaffold_core.render.introspect import DEFENSIVE_FILTERS

__all__ = ["TemplateStats", "template_stats"]


@dataclass(frozen=True)
class TemplateStats:
    """Size and defensive defaults of one template, alone and with its whole chain."""

    template: str
    characters: int
    default_filters: int
    chain_characters: int
    chain_default_filters: int

    def as_json(self) -> dict[str, object]:
        """A JSON-ready form."""
        return asdict(self)


def template_stats(environment: jinja2.Environment, template_name: str) -> TemplateStats:
    """Count characters and ``default`` filters (``| default``, ``| d``) from the parse tree."""
    chain = template_chain(environment, template_name)
    counts = {name: _count(environment, name) for name in chain}
    characters, defaults = counts[template_name]
    return TemplateStats(
        template_name,
        characters,
        defaults,
        sum(size for size, _ in counts.values()),
        sum(guards for _, guards in counts.values()),
    )


def _count(environment: jinja2.Environment, name: str) -> tuple[int, int]:
    source = template_source(environment, name)
    tree = environment.parse(source, name)
    defaults = sum(node.name in DEFENSIVE_FILTERS for node in tree.find_all(nodes.Filter))
    return len(source), defaults
