"""How a message shows a value the user gave: short, on one line, whatever the value's size.

A message quotes what it refuses, and a value may be a 50 MB string or a list of a million
items: ``repr()`` of the whole value would take seconds and memory before being cut. Both
helpers here look at no more of the value than they show.
"""

import reprlib
from itertools import islice
from typing import Any, Final

__all__ = ["MAX_SHOWN", "clipped", "shown"]

MAX_SHOWN: Final = 60
"""The longest a shown value gets, ``...`` included."""


class _ShortRepr(reprlib.Repr):
    """``repr`` that stops early: a prefix of each string, the first items of a collection.

    The limits exceed what fits in ``MAX_SHOWN`` characters, so a value whose whole ``repr``
    fits is shown exactly as ``repr`` shows it (dicts in their own order, not sorted).
    """

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = MAX_SHOWN
        self.maxtuple = self.maxlist = self.maxarray = self.maxdict = MAX_SHOWN
        self.maxset = self.maxfrozenset = self.maxdeque = MAX_SHOWN
        self.maxstring = self.maxother = 2 * MAX_SHOWN
        self.maxlong = 2 * MAX_SHOWN

    def repr_str(self, x: str, level: int) -> str:  # noqa: ARG002 -- reprlib's signature
        """The ``repr`` of the string's start (enough for ``MAX_SHOWN``), ``...`` if longer."""
        if len(x) <= self.maxstring:
            return repr(x)
        return repr(x[: self.maxstring]) + "..."

    def repr_int(self, x: int, level: int) -> str:  # noqa: ARG002 -- reprlib's signature
        """A huge integer by its size: its decimal form alone takes quadratic time."""
        if x.bit_length() <= 4 * self.maxlong:
            return repr(x)
        return f"<an integer of about {int(x.bit_length() * 0.30103)} digits>"

    def repr_dict(self, x: dict[Any, Any], level: int) -> str:
        """The first entries in the dict's own order (``reprlib`` sorts every key first)."""
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        entries = [
            f"{self.repr1(key, level - 1)}: {self.repr1(value, level - 1)}"
            for key, value in islice(x.items(), self.maxdict)
        ]
        if len(x) > self.maxdict:
            entries.append("...")
        return "{" + ", ".join(entries) + "}"


_SHORT: Final = _ShortRepr()


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """A single-line ``repr`` of ``value``, at most ``limit`` characters (``...`` at the end).

    Exactly ``repr(value)`` when that fits; otherwise its start, built from a bounded part of
    the value (a string's first ``2 * MAX_SHOWN`` characters, a collection's first items).
    """
    text = _SHORT.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def clipped(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` itself when at most ``limit`` characters, else its start and ``...``."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
