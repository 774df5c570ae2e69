"""The template chain: a template and everything it extends, imports or includes.

The chain is read from Jinja's own parse tree, so every whitespace-control form
(``{%- extends -%}``) and every statement kind is found, transitively.
"""

import contextlib
import hashlib
from collections.abc import Iterator
from typing import Final

import jinja2
from jinja2 import nodes

__all__ = [
    "DynamicTemplateReference",
    "chain_hash",
    "parse_template",
    "syntax_error",
    "syntax_line",
    "syntax_message",
    "template_chain",
    "template_source",
]

_REFERENCING_NODES = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)


class DynamicTemplateReference(Exception):
    """A template names another through an expression that cannot be read statically."""


def template_chain(environment: jinja2.Environment, name: str) -> list[str]:
    """``name`` and every template it reaches, in discovery order, each once.

    A reference that Jinja may skip (``ignore missing``, or a candidate of an include list)
    is part of the chain only when the template exists.
    """
    return list(_chain_sources(environment, name))


def chain_hash(environment: jinja2.Environment, name: str) -> str:
    """8 lowercase hex characters over the name and source of every template in the chain."""
    digest = hashlib.sha256()
    for member, source in sorted(_chain_sources(environment, name).items()):
        digest.update(member.encode())
        digest.update(b"\0")
        digest.update(source.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:8]


def template_source(environment: jinja2.Environment, name: str) -> str:
    """The source text of the template ``name``, as the environment's loader finds it."""
    return _source_and_file(environment, name)[0]


def parse_template(environment: jinja2.Environment, name: str) -> nodes.Template:
    """The parse tree of the template ``name``.

    Raises ``jinja2.TemplateSyntaxError`` whose ``name`` is the template's name and
    ``filename`` its file, and ``jinja2.TemplateNotFound``.
    """
    return environment.parse(*_source_and_file(environment, name))


def syntax_error(environment: jinja2.Environment, name: str) -> jinja2.TemplateSyntaxError | None:
    """The first syntax error in ``name``'s chain, or ``None`` when every member parses.

    The error's ``name`` and ``lineno`` say which member and where (see ``syntax_message``).
    """
    try:
        template_chain(environment, name)
    except jinja2.TemplateSyntaxError as error:
        return error
    return None


def syntax_message(environment: jinja2.Environment, error: jinja2.TemplateSyntaxError) -> str:
    """``template '<name>' does not parse at line <n>: <reason>`` (see ``syntax_line``)."""
    line, reason = syntax_line(environment, error)
    return f"template '{error.name}' does not parse at line {line}: {reason}"


def syntax_line(
    environment: jinja2.Environment, error: jinja2.TemplateSyntaxError
) -> tuple[int, str]:
    """The line of the author's mistake behind ``error``, and what is wrong.

    Jinja reports a ``{{``, ``{%`` or ``{#`` left open where it meets the first token it did
    not expect, often on a later line; the mistake is where the tag opened, so that line is
    given and Jinja's is quoted in the reason. Otherwise Jinja's own line and message.
    """
    reason = error.message or "syntax error"
    opened = _opened_before(environment, error)
    if opened is None:
        return error.lineno, reason
    return opened, f"the tag opened on line {opened} is not closed (line {error.lineno}: {reason})"


def _opened_before(
    environment: jinja2.Environment, error: jinja2.TemplateSyntaxError
) -> int | None:
    """The line of a tag opened before the error's line and still open there, if any."""
    try:
        source = template_source(environment, error.name or "")
    except jinja2.TemplateNotFound:
        return None
    opened = None
    with contextlib.suppress(jinja2.TemplateSyntaxError):
        for line, token, _ in environment.lex(source, error.name):
            if line >= error.lineno:
                break
            if token in _OPENING_TOKENS:
                opened = line
            elif token in _CLOSING_TOKENS:
                opened = None
    return opened


_OPENING_TOKENS: Final = frozenset({"variable_begin", "block_begin", "comment_begin"})
_CLOSING_TOKENS: Final = frozenset({"variable_end", "block_end", "comment_end"})


def _chain_sources(environment: jinja2.Environment, name: str) -> dict[str, str]:
    """The chain of ``template_chain``, each member with its source, read once."""
    chain: dict[str, str] = {}
    pending = [(name, False)]
    while pending:
        current, optional = pending.pop(0)
        if current in chain:
            continue
        try:
            source, _, filename = _source_and_file(environment, current)
        except jinja2.TemplateNotFound:
            if optional:
                continue
            raise
        chain[current] = source
        tree = environment.parse(source, current, filename)
        pending.extend(_referenced_names(tree, current))
    return chain


def _source_and_file(environment: jinja2.Environment, name: str) -> tuple[str, str, str | None]:
    """``(source, name, file name)`` of the template ``name``; raises ``TemplateNotFound``."""
    if environment.loader is None:
        raise jinja2.TemplateNotFound(name)
    source, filename, _ = environment.loader.get_source(environment, name)
    return source, name, filename


def _referenced_names(tree: nodes.Template, owner: str) -> Iterator[tuple[str, bool]]:
    """Each template name ``tree`` refers to, and whether Jinja tolerates its absence."""
    for node in tree.find_all(_REFERENCING_NODES):
        if isinstance(node, _REFERENCING_NODES):
            names = list(_constant_names(node.template, owner))
            tolerant = isinstance(node, nodes.Include) and (node.ignore_missing or len(names) > 1)
            yield from ((name, tolerant) for name in names)


def _constant_names(target: nodes.Expr, owner: str) -> Iterator[str]:
    if isinstance(target, nodes.Const) and isinstance(target.value, str):
        yield target.value
    elif isinstance(target, nodes.Const) and isinstance(target.value, list | tuple):
        yield from (str(item) for item in target.value)
    elif isinstance(target, nodes.List | nodes.Tuple):
        for item in target.items:
            yield from _constant_names(item, owner)
    elif isinstance(target, nodes.CondExpr) and target.expr2 is not None:
        yield from _constant_names(target.expr1, owner)
        yield from _constant_names(target.expr2, owner)
    else:
        raise DynamicTemplateReference(
            f"template '{owner}' names a template through an expression; the chain (and the"
            " version hash) needs literal template names"
        )
