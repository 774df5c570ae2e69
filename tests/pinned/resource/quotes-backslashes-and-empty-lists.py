"""QuoteTable: Values "quoted" with a back\\slash and a trailing "quote"

Source: A file called "q.csv\"
"""

from functools import cached_property
from typing import Literal


class QuoteTable:
    """Values "quoted" with a back\\slash and a trailing "quote"

    Every item is loaded once, on first use, and then served from memory.
    """

    def get(self, key: str) -> Literal["a", "b"] | None:
        """Return the item under ``key``, or ``None`` when there is none."""
        return self._items.get(key)

    def all(self) -> list[Literal["a", "b"]]:
        """Return every item, in the order of the source."""
        return list(self._items.values())

    @cached_property
    def _items(self) -> dict[str, Literal["a", "b"]]:
        """Load every item by its key on first use, then keep them."""
        return self._load()

    def _load(self) -> dict[str, Literal["a", "b"]]:
        """Read every item from the source, keyed by ``key``."""
        raise NotImplementedError
