"""OnEvent: A callback that receives one domain event."""

from typing import Protocol

from app.events import DomainEvent


class OnEvent(Protocol):
    """A callback that receives one domain event."""

    def __call__(self, event: DomainEvent, attempt: int) -> None:
        """Implement ``__call__``."""
        ...
