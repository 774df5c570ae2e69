"""Read an input document (a context, a recipe, ``pyproject.toml``) into Python data.

Every channel that reads a file goes through ``read_document``, so every one decodes and
parses by the same rules; a document that breaks them is an ``InvalidInput`` naming the
source, the position and what was expected.
"""

import importlib
import json
import tomllib
from collections.abc import Callable
from pathlib import Path

from scaffold_core.errors import InvalidInput, Problem

__all__ = ["FORMATS", "parse_document", "read_document"]

FORMATS = ("json", "toml", "yaml")
"""The document formats scaffold reads."""


def read_document(path: Path, document_format: str, source: str, location: str) -> object:
    """The data in the file at ``path``, in ``document_format`` (one of ``FORMATS``).

    ``source`` names the document in errors (``context file c.json``), ``location`` the
    option or setting it came from (``--context``). Raises ``InvalidInput`` when the file
    cannot be read, decoded or parsed.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _invalid(source, location, f"cannot read the file: {error.strerror}") from None
    return parse_document(decode(data, source, location), document_format, source, location)


def decode(data: bytes, source: str, location: str) -> str:
    """``data`` decoded as UTF-8, with or without a byte order mark; else ``InvalidInput``."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        expected = f"UTF-8 text (byte {error.start} cannot be decoded: {error.reason})"
        raise _invalid(source, location, expected) from None


def parse_document(text: str, document_format: str, source: str, location: str) -> object:
    """The data ``text`` holds in ``document_format``; ``InvalidInput`` when it does not parse."""
    try:
        return _PARSERS[document_format](text)
    except ValueError as error:
        expected = f"not valid {document_format.upper()}: {_first_line(error)}"
        raise _invalid(source, location, expected) from None


def _yaml_load(text: str) -> object:
    """PyYAML's safe loader, imported only when a YAML input is read (start-up time)."""
    yaml = importlib.import_module("yaml")
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(str(error)) from None


_PARSERS: dict[str, Callable[[str], object]] = {
    "json": json.loads,
    "toml": tomllib.loads,
    "yaml": _yaml_load,
}


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _invalid(source: str, location: str, expected: str) -> InvalidInput:
    return InvalidInput(source, [Problem(location, "", expected)])
