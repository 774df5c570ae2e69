"""Clock: structural interface (typing.Protocol)."""

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Structural interface: any class with these methods satisfies ``Clock``."""

    def now(self) -> datetime:
        """Now."""
        ...
