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

Every refusal in the document is collected, the parse going on past it (a refused tag is
read as no tag, an alias as its anchor's value, a refused key is left out), and reported
together; a syntax error ends the list, nesting too deep or ``MAX_PROBLEMS`` refusals stop
at once.
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

from scaffold_core.validate.documents import MAX_DEPTH, MAX_PROBLEMS, Refused
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
    """PyYAML's safe loader with YAML 1.2 core resolvers, collecting the refusals above."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._refusals: list[tuple[int, str]] = []  # (offset in the text, message)

    def refusals(self) -> list[str]:
        """The messages of the refusals found so far, in the order of the text."""
        return [message for _, message in sorted(self._refusals)]

    def _note(self, offset: int, messages: list[str]) -> None:
        """Adds ``messages`` found at ``offset``; ``Refused`` once past ``MAX_PROBLEMS``."""
        self._refusals += [(offset, message) for message in messages]
        if len(self._refusals) > MAX_PROBLEMS:
            raise Refused(*self.refusals())

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        """The next node, noting what it must not be; ``Refused`` when nested too deep."""
        event: Event = self.peek_event()  # type: ignore[no-untyped-call]  # stub untyped
        self._note(event.start_mark.index if event.start_mark else 0, _refusals(event))
        if getattr(event, "tag", None) not in _ALLOWED_TAGS:
            event.tag = None  # type: ignore[attr-defined]  # noted: read on as untagged
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise Refused(
                *self.refusals(),
                f"{_position(event)}: nested deeper than {MAX_DEPTH} levels of"
                f" lists and mappings; at most {MAX_DEPTH} are allowed",
            )
        node = super().compose_node(parent, index)
        self._depth -= 1
        return node

    def construct_mapping(  # PyYAML's signature, positional flag included
        self,
        node: MappingNode,
        deep: bool = False,  # noqa: FBT001, FBT002
    ) -> dict[Hashable, object]:
        """The mapping of ``node``, noting and leaving out keys not text or given twice.

        PyYAML's merge keys need no flattening: ``<<`` is text here (and noted).
        """
        mapping: dict[Hashable, object] = {}
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            mark = key_node.start_mark
            if not isinstance(key, str):
                written = key_node.value if isinstance(key_node, ScalarNode) else "[...]"
                message = (
                    f"{_position(key_node)}: key {written or 'null'}: mapping keys must be text;"
                    f" quote it ('{written}')"
                )
                self._note(mark.index, [message])
            elif key in first:
                message = (
                    f"key {describe_value(key)} given twice in one mapping (line"
                    f" {first[key].start_mark.line + 1} and line {mark.line + 1}):"
                    " give each key once"
                )
                self._note(mark.index, [message])
            else:
                first[key] = key_node
                mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


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

    Raises ``Refused`` with every refusal the module docstring lists (then the syntax error,
    if one stopped the parse), ``ValueError`` when the text is not YAML and nothing was
    refused before the error (``line L, column C: problem``).
    """
    loader = _StrictLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        syntax = _syntax_error(error)
        if loader.refusals():
            raise Refused(*loader.refusals(), f"not valid YAML: {syntax}") from None
        raise ValueError(syntax) from None
    finally:
        loader.dispose()
    if loader.refusals():
        raise Refused(*loader.refusals())
    return data


def _syntax_error(error: yaml.YAMLError) -> str:
    """``error`` in one line, from its position (``line 2, column 3: ...``) when it has one."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return f"{where}{error.problem}"
    return str(error)


def _refusals(event: Event) -> list[str]:
    """What is wrong with ``event``: an alias, an anchor, an unknown tag, an unclear value."""
    where = _position(event)
    found = []
    if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
        found.append(
            f"{where}: anchors and aliases (&a / *a) are not supported: write the value out"
        )
    tag = getattr(event, "tag", None)
    if tag not in _ALLOWED_TAGS:
        shown = str(tag).replace(_CORE_TAG, "!!")
        found.append(f"{where}: tag {shown} is not supported: write the value plainly")
    if not isinstance(event, ScalarEvent):
        return found
    if _SURROGATE.search(event.value):
        found.append(
            f"{where}: an escape gives half of a UTF-16 surrogate pair, not a character:"
            " write the character itself"
        )
    if event.style is None and tag in {None, "!"}:  # PyYAML resolves ``! 012`` as plain
        found += _unclear(event.value, where)
    return found


def _unclear(value: str, where: str) -> list[str]:
    """The refusal of the plain scalar ``value`` when it means something else in YAML 1.1."""
    if value == "<<":
        return [f"{where}: merge keys (<<) are not supported: write the keys out"]
    if _YAML_11_BOOLEAN.fullmatch(value):
        meaning = "true" if value.lower() in {"yes", "on"} else "false"
        return [
            (
                f"{where}: {value} is {meaning} in YAML 1.1 but text in YAML 1.2: quote it"
                f" ('{value}') for text, or write {meaning}"
            )
        ]
    return [
        f"{where}: {value} is unclear ({meaning}): quote it ('{value}') for text,"
        " or write the number in plain decimal digits"
        for pattern, meaning in _YAML_11_NUMBERS
        if pattern.fullmatch(value)
    ][:1]


def _position(item: Event | Node) -> str:
    mark = item.start_mark
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else "the document"
