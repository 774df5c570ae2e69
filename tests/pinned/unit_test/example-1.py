"""Unit tests for app.orders.service.

Placing, paying and cancelling orders.

The async tests run on the pytest-asyncio plugin.
"""

from decimal import Decimal
from unittest.mock import MagicMock

import pytest
from app.orders.service import OrderService


@pytest.fixture
def mock_collaborator() -> MagicMock:
    """A fresh mock per test, standing in for a collaborator of the unit."""
    return MagicMock()


@pytest.fixture
def order_service() -> OrderService:
    """Build the OrderService a test exercises."""
    raise NotImplementedError


class TestOrderService:
    """Tests for OrderService."""

    def test_places_order(
        self,
        order_service: OrderService,
        mock_collaborator: MagicMock,
    ) -> None:
        """A valid cart becomes a pending order."""
        raise NotImplementedError

    @pytest.mark.parametrize(
        ("total", "accepted"),
        [(Decimal("0"), False), (Decimal("-1"), False), (Decimal("0.01"), True)],
        ids=["zero", "negative", "one-cent"],
    )
    def test_rejects_non_positive_totals(
        self,
        order_service: OrderService,
        total: Decimal,
        accepted: bool,
    ) -> None:
        """Rejects non positive totals."""
        raise NotImplementedError

    @pytest.mark.asyncio
    async def test_notifies_customer(
        self,
        order_service: OrderService,
        mock_collaborator: MagicMock,
    ) -> None:
        """The customer is told once the order is paid."""
        raise NotImplementedError
