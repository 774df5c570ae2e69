r"""Read an input document (a context, a recipe, ``pyproject.toml``) into Python data.

Every channel that reads a document goes through ``read_document`` (a file) or
``read_stream`` (standard input), so every one decodes and parses by the same rules:

- at most ``MAX_INPUT_BYTES``, checked before the whole input is read;
- UTF-8, with or without a byte order mark (UTF-16, UTF-32, Latin-1, NUL characters are
  refused);
- a key given twice in one JSON object or YAML mapping is refused (TOML refuses it itself);
- JSON: no ``\udc00`` escape of half a surrogate pair (TOML refuses them itself), no ``NaN``
  or ``Infinity`` (not JSON), no integer longer than Python reads (4300 digits);
- YAML: the 1.2 core schema, refusing what 1.1 reads otherwise (``no``, ``012``, ``1:30``),
  anchors and aliases, keys that are not text (``strict_yaml``);
- TOML: a date, time or date-time is read as its RFC 3339 text (``2024-01-01``), as YAML
  1.2 core reads a date: every format yields JSON-model data (text, numbers, booleans,
  null, lists, mappings with text keys), so the validator sees the same kinds whatever the
  format;
- lists and mappings nested at most ``MAX_DEPTH`` deep.

A document that breaks them is an ``InvalidInput`` naming the source, the position and what
was expected: one problem per rule broken, every one in the document at once, up to
``MAX_PROBLEMS`` (a syntax error ends the list; the size and depth bounds stop reading at
once).
"""

import codecs
import importlib
import json
import re
import sys
import tomllib
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import IO

from scaffold_core.errors import InvalidInput, Problem
from scaffold_core.validate.problems import describe_value
from scaffold_schemas.base import MAX_DEPTH

__all__ = [
    "FORMATS",
    "MAX_DEPTH",
    "MAX_INPUT_BYTES",
    "MAX_PROBLEMS",
    "Refused",
    "parse_document",
    "parse_json",
    "read_document",
    "read_stream",
]

FORMATS = ("json", "toml", "yaml")
"""The document formats scaffold reads; standard input is tried in this order."""

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""The largest input document scaffold reads: 10 MiB."""


MAX_PROBLEMS = 20
"""The most problems one document reports: past them, the last says there are more."""


class Refused(ValueError):
    """The document breaks scaffold's rules: ``messages``, one per rule broken, each saying where.

    When a syntax error stopped the parse, its message (``not valid JSON: ...``) comes last.
    Past ``MAX_PROBLEMS`` messages, the first ones are kept and the last says there are more.
    """

    def __init__(self, *messages: str) -> None:
        if len(messages) > MAX_PROBLEMS:
            messages = (
                *messages[: MAX_PROBLEMS - 1],
                (
                    f"more problems past these (at most {MAX_PROBLEMS} are listed): fix"
                    " these, then run again"
                ),
            )
        super().__init__("; ".join(messages))
        self.messages = messages


def read_document(
    path: Path,
    document_format: str | None,
    source: str,
    location: str,
    *,
    refuse_empty: bool = False,
) -> object:
    """The data in the file at ``path``, in ``document_format`` (one of ``FORMATS``).

    ``None`` for ``document_format`` detects it as on standard input: the first of
    ``FORMATS`` that parses. ``source`` names the document in errors (``context file
    c.json``), ``location`` the option or setting it came from (``--context``). Raises
    ``InvalidInput`` when the file cannot be read, is too large, does not decode or parse,
    breaks a rule, or (with ``refuse_empty``: a context or a recipe) holds only white space.
    """
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise _invalid(source, location, f"cannot read the file: {error.strerror}") from None
    text = _decode(data, source, location)
    if refuse_empty:
        _refuse_empty(text, source, location)
    if document_format is None:
        return _parse_first(text, source, location)
    return parse_document(text, document_format, source, location)


def read_stream(stream: IO[str] | None, source: str, location: str) -> object:
    """The data on ``stream`` (standard input) in the first of ``FORMATS`` that parses it.

    The bytes under a text stream are read and decoded here, by the rules of a file. Raises
    ``InvalidInput`` when the stream is closed (``None``: the process started without one),
    holds only white space, or parses in no format (``_parse_first``).
    """
    if stream is None:
        raise _invalid(source, location, "a document, but standard input is closed")
    binary = getattr(stream, "buffer", None)
    data: bytes = (
        binary.read(MAX_INPUT_BYTES + 1)
        if binary is not None
        # A text stream (the Python API, tests): a lone surrogate in it fails decoding below.
        else stream.read(MAX_INPUT_BYTES + 1).encode("utf-8", "surrogatepass")
    )
    text = _decode(data, source, location)
    _refuse_empty(text, source, location)
    return _parse_first(text, source, location)


def _parse_first(text: str, source: str, location: str) -> object:
    """The data ``text`` holds in the first of ``FORMATS`` that parses it.

    Raises ``InvalidInput`` naming every format's error when none parses, or the rules
    broken by the first format that read the text (``Refused``), one problem each.
    """
    errors: list[str] = []
    for document_format in FORMATS:
        try:
            return _PARSERS[document_format](text)
        except Refused as refused:
            raise _invalid(source, location, *refused.messages) from None
        except ValueError as error:
            errors.append(f"not valid {document_format.upper()}: {_first_line(error)}")
    raise _invalid(source, location, "; ".join(errors))


def _refuse_empty(text: str, source: str, location: str) -> None:
    """``InvalidInput`` when ``text`` is empty or white space: TOML would read it as ``{}``."""
    if not text.strip():
        raise _invalid(
            source, location, "a document, but it is empty: give the values, or leave it out"
        )


def parse_document(text: str, document_format: str, source: str, location: str) -> object:
    """The data ``text`` holds in ``document_format``.

    Raises ``InvalidInput`` when it does not parse, or with one problem per rule it breaks.
    """
    try:
        return _PARSERS[document_format](text)
    except Refused as refused:
        raise _invalid(source, location, *refused.messages) from None
    except ValueError as error:
        expected = f"not valid {document_format.upper()}: {_first_line(error)}"
        raise _invalid(source, location, expected) from None


def _decode(data: bytes, source: str, location: str) -> str:
    """``data`` decoded as UTF-8, with or without a byte order mark; else ``InvalidInput``."""
    if len(data) > MAX_INPUT_BYTES:
        raise _invalid(
            source, location, f"at most {MAX_INPUT_BYTES} bytes (10 MiB), but it holds more"
        )
    # UTF-32 first: its little-endian byte order mark starts with UTF-16's.
    for encoding, marks in (
        ("UTF-32", (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)),
        ("UTF-16", (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)),
    ):
        if data.startswith(marks):
            raise _invalid(
                source,
                location,
                f"UTF-8 text, but it is saved as {encoding} (it starts with a {encoding} byte"
                " order mark): save it as UTF-8",
            )
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start].decode("utf-8")  # valid: the error is the first bad byte
        expected = (
            f"UTF-8 text, but {_line_column(before, len(before))} has byte"
            f" 0x{body[error.start]:02x}, which is not UTF-8 there (Latin-1 or another"
            " encoding?): save it as UTF-8"
        )
        raise _invalid(source, location, expected) from None
    if "\0" in text:
        expected = (
            f"UTF-8 text, but {_line_column(text, text.index(chr(0)))} has a NUL character,"
            " which no text document holds (UTF-16 without a byte order mark?):"
            " save it as UTF-8"
        )
        raise _invalid(source, location, expected)
    return text


def parse_json(text: str, max_depth: int = MAX_DEPTH) -> object:
    """The JSON value in ``text`` (a whole document, or one ``-s key=value`` value).

    ``max_depth`` bounds how deep its arrays and objects nest (a ``-s`` value sits one level
    below the context's mapping). Raises ``Refused`` naming every key given twice and every
    lone surrogate escape (then the syntax error, if one follows them), or the first of
    deeper nesting, ``NaN``/``Infinity``, an integer too long to read; ``ValueError`` for
    text that is not JSON.
    """
    duplicates = False  # whether an object had a key twice: the scan then finds where

    def unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
        nonlocal duplicates
        mapping = dict(pairs)
        duplicates = duplicates or len(mapping) != len(pairs)
        return mapping

    try:
        data = json.loads(text, object_pairs_hook=unique_keys, parse_constant=_refuse_constant)
    except RecursionError:  # far past the bound: the parser recurses per level
        _scan_json(text, max_depth, find_duplicates=duplicates)
        raise Refused(f"nesting deeper than {max_depth}") from None
    except json.JSONDecodeError as error:
        before = text[: error.pos]
        violations = _json_violations(before, max_depth, find_duplicates=duplicates)
        if violations:
            raise Refused(*violations, f"not valid JSON: {_first_line(error)}") from None
        raise
    except Refused:
        raise
    except ValueError:  # not a syntax error: int() refused a number too long to convert
        limit = sys.get_int_max_str_digits()
        raise Refused(
            f"a number of at most {limit} digits, but it holds a longer one: give it as text"
            " in quotes if the field takes text"
        ) from None
    violations = _json_violations(text, max_depth, find_duplicates=duplicates)
    if violations:
        raise Refused(*violations)
    return data


def _json_violations(text: str, max_depth: int, *, find_duplicates: bool) -> list[str]:
    """The messages of each key given twice (if asked) and each lone surrogate in ``text``.

    In the order of the text. Raises ``Refused`` (the messages before it, then its own) at
    nesting deeper than ``max_depth``.
    """
    found: list[tuple[int, str]] = []
    deep = text.count("[") + text.count("{") > max_depth and _nests_too_deep(text, max_depth)
    if find_duplicates or deep:
        found += _scan_json(text, max_depth, find_duplicates=find_duplicates)
    if re.search(r"\\u[dD][89a-fA-F]", text):
        found += _lone_surrogates(text)
    return [message for _, message in sorted(found)]


def _refuse_constant(name: str) -> object:
    """``Refused`` for ``NaN``, ``Infinity``, ``-Infinity``: Python reads them, JSON has none."""
    raise Refused(
        f"{name} is not a JSON number (JSON has no NaN or Infinity): write a number, or"
        f' "{name}" in quotes for text'
    )


def _nests_too_deep(text: str, max_depth: int) -> bool:
    """Whether the valid JSON ``text`` nests deeper than ``max_depth``.

    Of its brackets outside strings, each pass removes the innermost pairs (one level) at
    the regex engine's speed: a quarter of a second for 3 MB, where a token loop takes two.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    for _ in range(max_depth):
        if not brackets:
            return False
        brackets = _EMPTY_PAIR.sub("", brackets)
    return bool(brackets)


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_EMPTY_PAIR = re.compile(r"\[\]|\{\}")


# A JSON string (escapes included) or a structural character; anything else is skipped.
_JSON_TOKEN = re.compile(rf"{_JSON_STRING.pattern}|[\[\]{{}}:,]", re.DOTALL)


def _scan_json(text: str, max_depth: int, *, find_duplicates: bool) -> list[tuple[int, str]]:
    """Each key given twice in one object (if asked), as (offset, message), in text order.

    Stops past ``MAX_PROBLEMS`` of them. Raises ``Refused`` (those messages, then its own)
    at the first bracket past ``max_depth``. One pass over strings and brackets; each open
    object remembers where its keys were. It does not check the rest of the JSON syntax.
    """
    found: list[tuple[int, str]] = []
    stack: list[dict[str, int] | None] = []  # per open bracket: an object's keys, or None
    expect_key = False
    for token in _JSON_TOKEN.finditer(text):
        value, offset = token.group(), token.start()
        if value in "[{":
            if len(stack) == max_depth:
                raise Refused(
                    *(message for _, message in found),
                    f"{_line_column(text, offset)}: nested deeper than {max_depth} levels of"
                    f" arrays and objects; at most {max_depth} are allowed"
                    + (" in a value inside the context" if max_depth < MAX_DEPTH else ""),
                )
            stack.append({} if value == "{" else None)
            expect_key = value == "{"
        elif value in "]}":
            if stack:
                stack.pop()
        elif value in ":,":
            expect_key = value == "," and bool(stack) and stack[-1] is not None
        elif find_duplicates and expect_key and stack and (keys := stack[-1]) is not None:
            key = json.loads(value)
            if key in keys:
                message = (
                    f"key {describe_value(key)} given twice in one object"
                    f" ({_line_column(text, keys[key])} and {_line_column(text, offset)}):"
                    " give each key once"
                )
                found.append((offset, message))
                if len(found) > MAX_PROBLEMS:
                    break
            else:
                keys[key] = offset
    return found


def _lone_surrogates(text: str) -> list[tuple[int, str]]:
    r"""Each ``\uXXXX`` escape that is half of a surrogate pair, alone: (offset, message).

    Python's JSON parser accepts one; the string could then not be written as UTF-8. Stops
    past ``MAX_PROBLEMS`` of them.
    """
    lone: list[re.Match[str]] = []
    high: re.Match[str] | None = None  # a high half whose low half must come next
    for escape in re.finditer(r"\\(?:u([0-9a-fA-F]{4})|.)", text, re.DOTALL):
        code = int(escape[1], 16) if escape[1] else -1
        if high is not None and escape.start() == high.end() and code in _LOW_SURROGATES:
            high = None
            continue
        if high is not None:
            lone.append(high)
        high = escape if code in _HIGH_SURROGATES else None
        if code in _LOW_SURROGATES:
            lone.append(escape)
        if len(lone) > MAX_PROBLEMS:
            break
    if high is not None:
        lone.append(high)
    return [
        (
            escape.start(),
            (
                f"{_line_column(text, escape.start())}: {escape[0]} is half of a UTF-16"
                " surrogate pair, not a character: write the character itself"
            ),
        )
        for escape in lone
    ]


_HIGH_SURROGATES = range(0xD800, 0xDC00)
_LOW_SURROGATES = range(0xDC00, 0xE000)


def _toml_load(text: str) -> object:
    """The TOML table in ``text``, each date, time and date-time as its RFC 3339 text.

    Raises ``Refused`` for nesting deeper than ``MAX_DEPTH``, ``ValueError`` for text that is
    not TOML (duplicate keys and lone surrogate escapes included).
    """
    try:
        data = tomllib.loads(text)
    except RecursionError:  # far past the bound: the parser recurses per level
        raise Refused(_TOO_DEEP_TOML) from None
    for key, value in data.items():
        if _depth(value) >= MAX_DEPTH:
            raise Refused(f"key {describe_value(key)}: {_TOO_DEEP_TOML}")
    return _dates_as_text(data)


_TOO_DEEP_TOML = (
    f"nested deeper than {MAX_DEPTH} levels of arrays and tables; at most {MAX_DEPTH} are allowed"
)


def _dates_as_text(value: object) -> object:
    """``value`` (TOML data, at most ``MAX_DEPTH`` deep) with each date or time as text.

    ``isoformat`` writes RFC 3339 (``2024-01-01T00:00:00+00:00``): a date field parses it,
    a free-form field keeps text, which every template can write.
    """
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    return value


def _depth(data: object) -> int:
    """How deep lists and dicts nest in ``data`` (0 for a scalar), counted without recursion.

    Stops descending past ``MAX_DEPTH``: deeper is all the caller needs to know.
    """
    deepest, pending = 0, [(data, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                children = value.values() if isinstance(value, dict) else value
                pending.extend((child, level + 1) for child in children)
    return deepest


def _yaml_load(text: str) -> object:
    """The YAML document in ``text`` (``strict_yaml.load_yaml``: its errors).

    PyYAML is imported only when a YAML input is read.
    """
    strict_yaml = importlib.import_module("scaffold_core.validate.strict_yaml")
    return strict_yaml.load_yaml(text)


_PARSERS: dict[str, Callable[[str], object]] = {
    "json": parse_json,
    "toml": _toml_load,
    "yaml": _yaml_load,
}


def _line_column(text: str, offset: int) -> str:
    """``line L, column C`` of ``offset`` in ``text``, both counted from 1."""
    newline = "\n"
    line = text.count(newline, 0, offset) + 1
    return f"line {line}, column {offset - text.rfind(newline, 0, offset)}"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _invalid(source: str, location: str, *expected: str) -> InvalidInput:
    """``InvalidInput`` for ``source``: one problem at ``location`` per ``expected``."""
    return InvalidInput(source, [Problem(location, "", each) for each in expected])
