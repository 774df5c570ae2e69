"""YAML read as the YAML 1.2 core schema says, refusing what YAML 1.1 would read otherwise.

Imported only when a YAML input is read (``documents`` imports it lazily: start-up time).
A plain scalar is null, a boolean, a decimal integer, a float or text, as in YAML 1.2 core;
one that YAML 1.1 (PyYAML's default, and many other tools) reads as something else
(``no``, ``on``, ``012``, ``0x10``, ``1:30``, ``1_000``, ``<<``) is refused with a hint to
quote it, so that a value never silently means something else than its writer thought.
Anchors and aliases, tags other than ``!!str`` / ``!``, duplicate keys, keys that are not
text (``true:``, ``1:``, ``null:``: data scaffold reads is JSON's kind, whose keys are text,
and ``true`` and ``1`` would be one key in Python), lone surrogate escapes and nesting
deeper than ``MAX_DEPTH`` are refused too. A date such as ``2024-01-01``
is text, as YAML 1.2 core says (a date field still parses it).
"""

import re
from collections.abc import Hashable

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    Event,
    NodeEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode

from scaffold_core.validate.documents import MAX_DEPTH, Refused
from scaffold_core.validate.problems import describe_value

__all__ = ["load_yaml"]

_CORE_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", f"{_CORE_TAG}str", f"{_CORE_TAG}seq", f"{_CORE_TAG}map"}
"""Explicit tags kept: the non-specific ``!`` and the core ones a user writes to force text."""

# Not y/n: coordinates and field names use them, and PyYAML (scaffold's reader before)
# read them as text too; the YAML 1.1 type repository's booleans otherwise.
_YAML_11_BOOLEAN = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
_YAML_11_NUMBERS = (
    (re.compile(r"[-+]?0[0-9_]+"), "octal in YAML 1.1, decimal in YAML 1.2"),
    (
        re.compile(r"[-+]?0x[0-9a-fA-F_]+|[-+]?0o[0-7_]+|[-+]?0b[01_]+"),
        "a number in base 16, 8 or 2",
    ),
    (
        re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"),
        "base 60 in YAML 1.1 (1:30 is 90), text in YAML 1.2",
    ),
    (
        re.compile(r"(?=.*_)[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+][0-9]+)?"),
        "a number in YAML 1.1, text in YAML 1.2",
    ),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core resolvers and the refusals above."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        """The next node, after refusing what it must not be; counts nesting depth."""
        event: Event = self.peek_event()  # type: ignore[no-untyped-call]  # stub untyped
        _refuse_event(event)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise Refused(
                f"{_position(event)}: nested deeper than {MAX_DEPTH} levels of lists and"
                f" mappings; at most {MAX_DEPTH} are allowed"
            )
        node = super().compose_node(parent, index)
        self._depth -= 1
        return node

    def construct_mapping(  # PyYAML's signature, positional flag included
        self,
        node: MappingNode,
        deep: bool = False,  # noqa: FBT001, FBT002
    ) -> dict[Hashable, object]:
        """The mapping of ``node``; ``Refused`` when a key is not text or is given twice."""
        first: dict[str, Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                written = key_node.value if isinstance(key_node, ScalarNode) else "[...]"
                mark = key_node.start_mark
                raise Refused(
                    f"line {mark.line + 1}, column {mark.column + 1}: key {written or 'null'}:"
                    f" mapping keys must be text; quote it ('{written}')"
                )
            if key in first:
                raise Refused(
                    f"key {describe_value(key)} given twice in one mapping (line"
                    f" {first[key].start_mark.line + 1} and line"
                    f" {key_node.start_mark.line + 1}): give each key once"
                )
            first[key] = key_node
        return super().construct_mapping(node, deep=deep)


_CORE_RESOLVERS = (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("int", r"[-+]?[0-9]+", "-+0123456789"),
    (
        "float",
        (
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
        "-+.0123456789",
    ),
)
# Replaces (does not extend) SafeLoader's YAML 1.1 resolvers by the YAML 1.2 core ones.
_StrictLoader.yaml_implicit_resolvers = {}
for _name, _pattern, _first in _CORE_RESOLVERS:
    _StrictLoader.add_implicit_resolver(
        f"{_CORE_TAG}{_name}", re.compile(rf"(?:{_pattern})\Z"), list(_first)
    )


def load_yaml(text: str) -> object:
    """The data of the one YAML document in ``text``.

    Raises ``Refused`` for what the module docstring lists, ``yaml.YAMLError`` when the text
    is not YAML.
    """
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _refuse_event(event: Event) -> None:
    """``Refused`` when ``event`` is an alias, an anchor, an unknown tag or an unclear value."""
    where = _position(event)
    if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
        raise Refused(
            f"{where}: anchors and aliases (&a / *a) are not supported: write the value out"
        )
    tag = getattr(event, "tag", None)
    if tag not in _ALLOWED_TAGS:
        shown = str(tag).replace(_CORE_TAG, "!!")
        raise Refused(f"{where}: tag {shown} is not supported: write the value plainly")
    if not isinstance(event, ScalarEvent):
        return
    if _SURROGATE.search(event.value):
        raise Refused(
            f"{where}: an escape gives half of a UTF-16 surrogate pair, not a character:"
            " write the character itself"
        )
    if event.style is None and tag in {None, "!"}:  # PyYAML resolves ``! 012`` as plain
        _refuse_unclear(event.value, where)


def _refuse_unclear(value: str, where: str) -> None:
    """``Refused`` when the plain scalar ``value`` means something else in YAML 1.1."""
    if value == "<<":
        raise Refused(f"{where}: merge keys (<<) are not supported: write the keys out")
    if _YAML_11_BOOLEAN.fullmatch(value):
        meaning = "true" if value.lower() in {"yes", "on"} else "false"
        raise Refused(
            f"{where}: {value} is {meaning} in YAML 1.1 but text in YAML 1.2: quote it"
            f" ('{value}') for text, or write {meaning}"
        )
    for pattern, meaning in _YAML_11_NUMBERS:
        if pattern.fullmatch(value):
            raise Refused(
                f"{where}: {value} is unclear ({meaning}): quote it ('{value}') for text,"
                " or write the number in plain decimal digits"
            )


def _position(event: Event) -> str:
    mark = event.start_mark
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else "the document"
