"""Closeable: structural interface (typing.Protocol)."""

from typing import Protocol


class Closeable(Protocol):
    """Structural interface: any class with these methods satisfies ``Closeable``."""

    def close(self) -> None:
        """Close."""
        ...
