"""Colour for people at a terminal; plain text for pipes, files and anyone who opts out.

Decided per stream: ``NO_COLOR`` (set and not empty) turns colour off, whatever else
says; ``FORCE_COLOR`` (set, not empty and not ``0``) turns it on for a pipe too; otherwise
colour only when the stream is a terminal and ``TERM`` is not ``dumb``.
(https://no-color.org, https://force-color.org)
"""

import os
import re
from collections.abc import Mapping
from typing import Final, TextIO

__all__ = ["STATE_STYLES", "colour_diff", "colour_first_column", "paint", "wants_colour"]

_CODES: Final = {"red": "31", "green": "32", "yellow": "33", "cyan": "36", "bold red": "1;31"}

STATE_STYLES: Final[Mapping[str, str]] = {
    # status
    "current": "green",
    "outdated": "yellow",
    "modified": "cyan",
    "outdated+modified": "yellow",
    "conflict": "red",
    "missing": "red",
    "unknown type": "red",
    "invalid record": "red",
    # update
    "replaced": "green",
    "merged": "cyan",
    "restored": "green",
    "added": "green",
}
"""The colour of each state of ``status`` and outcome of ``update`` (others stay plain)."""


def wants_colour(stream: TextIO) -> bool:
    """Whether to colour what is written to ``stream`` (this module's docstring says when)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in {"", "0"}:
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def paint(text: str, style: str, stream: TextIO) -> str:
    """``text`` in ``style`` (a key of ``_CODES``) when ``stream`` wants colour, else as is."""
    if not wants_colour(stream):
        return text
    return f"\033[{_CODES[style]}m{text}\033[0m"


def colour_first_column(text: str, styles: Mapping[str, str], stream: TextIO) -> str:
    """A ``text_table`` with the value of each row's first column coloured by ``styles``.

    Only the word is coloured, its padding left as is, so the columns stay aligned; the
    heading row and values without a style stay plain.
    """
    if not wants_colour(stream):
        return text
    known = sorted(styles, key=len, reverse=True)  # 'outdated+modified' before 'outdated'
    pattern = re.compile(rf"^({'|'.join(map(re.escape, known))})(?=  |$)", re.MULTILINE)
    return pattern.sub(lambda match: paint(match[1], styles[match[1]], stream), text)


def colour_diff(diff: str, stream: TextIO) -> str:
    """A unified diff with added lines green, removed lines red and hunk heads cyan."""
    if not wants_colour(stream):
        return diff
    lines = diff.splitlines(keepends=True)
    return "".join(_diff_line(line, stream) for line in lines)


def _diff_line(line: str, stream: TextIO) -> str:
    body, ending = (line[:-1], "\n") if line.endswith("\n") else (line, "")
    if body.startswith(("+++", "---")):
        return line
    style = {"+": "green", "-": "red", "@": "cyan"}.get(body[:1])
    return line if style is None else paint(body, style, stream) + ending
