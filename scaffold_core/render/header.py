"""The one-line lifecycle header the core writes at the top of every persistent artifact."""

import re
from datetime import UTC, datetime
from typing import Final

from scaffold_schemas import COMMENT_SYNTAX, LifecycleMixin

__all__ = [
    "COMMENT_SYNTAX",
    "HEADER",
    "header_line",
    "split_header",
    "utc_text",
    "with_header",
    "without_header_times",
]

HEADER: Final = re.compile(r"scaffold: template=(\S+) version=[0-9a-f]{8} ")
"""What marks a line as a scaffold header in any comment syntax; group 1 is the type id."""


def header_line(extension: str, lifecycle: LifecycleMixin) -> str:
    """``# scaffold: template=dto version=1a2b3c4d created=... path=src/x.py``.

    A file that ``scaffold update`` rewrote has ``updated=...`` after ``created=``; both
    are UTC, ISO 8601 to the second with ``Z``.
    """
    opening, closing = COMMENT_SYNTAX[extension]
    updated = lifecycle.scaffold_updated
    stamp = "" if updated is None else f" updated={utc_text(updated)}"
    return (
        f"{opening}scaffold: template={lifecycle.template_id} version={lifecycle.version_hash}"
        f" created={utc_text(lifecycle.scaffold_created)}{stamp}"
        f" path={lifecycle.output_path}{closing}"
    )


def utc_text(moment: datetime) -> str:
    """``moment`` in UTC as ISO 8601 to the second with ``Z``: ``2026-01-02T03:04:05Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def with_header(extension: str, lifecycle: LifecycleMixin, body: str) -> str:
    """``body`` with the header line on top, or unchanged when the format has no comments.

    A format is known by its extension (``COMMENT_SYNTAX``); JSON, ``py.typed`` and other
    files without comment syntax get no header rather than one that would break them.
    """
    if extension not in COMMENT_SYNTAX:
        return body
    return f"{header_line(extension, lifecycle)}\n{body}"


def split_header(text: str) -> tuple[str, str]:
    """``(header line with its line break, the rest)``; ``("", text)`` without a header."""
    first, newline, rest = text.partition("\n")
    return (first + newline, rest) if HEADER.search(first) else ("", text)


_TIMES: Final = re.compile(r" (?:created|updated)=\S+")


def without_header_times(text: str) -> str:
    """``text`` with its header's ``created=`` and ``updated=`` taken out.

    What every rendering stamps anew: two renderings that differ only there are the same.
    """
    header, body = split_header(text)
    return _TIMES.sub("", header) + body
