"""OrderRepository: Stores and finds orders."""

from typing import Protocol
from uuid import UUID

from app.orders.model import Order


class OrderRepository(Protocol):
    """Stores and finds orders."""

    async def get(self, order_id: UUID) -> Order | None:
        """The order with this id, or None."""
        ...

    async def add(self, order: Order) -> None:
        """Add."""
        ...

    async def recent(self, limit: int) -> list[Order]:
        """The newest orders first, at most limit."""
        ...
