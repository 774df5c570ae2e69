"""The template chain: a template and everything it extends, imports or includes.

The chain is read from Jinja's own parse tree, so every whitespace-control form
(``{%- extends -%}``) and every statement kind is found, transitively.
"""

import hashlib
from collections.abc import Iterator

import jinja2
from jinja2 import nodes

__all__ = ["DynamicTemplateReference", "chain_hash", "template_chain"]

_REFERENCING_NODES = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)


class DynamicTemplateReference(Exception):
    """A template names another through an expression that cannot be read statically."""


def template_chain(environment: jinja2.Environment, name: str) -> list[str]:
    """``name`` and every template it reaches, in discovery order, each once."""
    chain: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop(0)
        if current in chain:
            continue
        chain.append(current)
        source = _source(environment, current)
        pending.extend(_referenced_names(environment.parse(source), current))
    return chain


def chain_hash(environment: jinja2.Environment, name: str) -> str:
    """8 lowercase hex characters over the name and source of every template in the chain."""
    digest = hashlib.sha256()
    for member in sorted(template_chain(environment, name)):
        digest.update(member.encode())
        digest.update(b"\0")
        digest.update(_source(environment, member).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:8]


def _source(environment: jinja2.Environment, name: str) -> str:
    if environment.loader is None:
        raise jinja2.TemplateNotFound(name)
    return environment.loader.get_source(environment, name)[0]


def _referenced_names(tree: nodes.Template, owner: str) -> Iterator[str]:
    for node in tree.find_all(_REFERENCING_NODES):
        if isinstance(node, _REFERENCING_NODES):
            yield from _constant_names(node.template, owner)


def _constant_names(target: nodes.Expr, owner: str) -> Iterator[str]:
    if isinstance(target, nodes.Const) and isinstance(target.value, str):
        yield target.value
    elif isinstance(target, nodes.Const) and isinstance(target.value, list | tuple):
        yield from (str(item) for item in target.value)
    elif isinstance(target, nodes.List | nodes.Tuple):
        for item in target.items:
            yield from _constant_names(item, owner)
    else:
        raise DynamicTemplateReference(
            f"template '{owner}' names a template through an expression; the chain (and the"
            " version hash) needs literal template names"
        )
