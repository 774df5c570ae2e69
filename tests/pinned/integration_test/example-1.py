"""Integration tests of the scenario "Checkout with card payment".

A customer pays a cart by card; the order ships.

The async tests run on the pytest-asyncio plugin.
"""

import pytest
from app.db import Database
from app.orders import OrderManager
from tests.fakes import FakeGateway


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Database:
    """A fresh schema in a temporary SQLite file."""
    raise NotImplementedError


@pytest.fixture
def order_manager(database: Database) -> OrderManager:
    """Provide the order manager the scenario runs against."""
    raise NotImplementedError


@pytest.fixture
def payment_gateway() -> FakeGateway:
    """Accepts every card except 4000 0000 0000 0002."""
    raise NotImplementedError


class TestCheckout:
    """Checkout with card payment."""

    def test_ships_paid_order(
        self,
        order_manager: OrderManager,
        payment_gateway: FakeGateway,
    ) -> None:
        """A paid order is handed to the carrier."""
        raise NotImplementedError

    @pytest.mark.parametrize(
        "card_number",
        ["4000000000000002", "4000000000009995"],
        ids=["declined", "insufficient funds"],
    )
    def test_declined_card_keeps_order_open(
        self,
        order_manager: OrderManager,
        payment_gateway: FakeGateway,
        card_number: str,
    ) -> None:
        """Declined card keeps order open."""
        raise NotImplementedError

    @pytest.mark.asyncio
    async def test_sends_receipt(self, order_manager: OrderManager) -> None:
        """Sends receipt."""
        raise NotImplementedError
