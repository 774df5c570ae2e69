"""MessageTemplates: Read-only ``str`` items, looked up by ``key``."""

from functools import cached_property


class MessageTemplates:
    """Read-only ``str`` items, looked up by ``key``.

    Every item is loaded once, on first use, and then served from memory.
    """

    def get(self, key: str) -> str | None:
        """Return the item under ``key``, or ``None`` when there is none."""
        return self._items.get(key)

    def all(self) -> list[str]:
        """Return every item, in the order of the source."""
        return list(self._items.values())

    @cached_property
    def _items(self) -> dict[str, str]:
        """Load every item by its key on first use, then keep them."""
        return self._load()

    def _load(self) -> dict[str, str]:
        """Read every item from the source, keyed by ``key``."""
        raise NotImplementedError
