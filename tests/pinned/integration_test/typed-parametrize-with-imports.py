"""Integration tests of the scenario "Refunds by order status"."""

from decimal import Decimal

import pytest
from app.orders.models import OrderStatus
from app.refunds import RefundService


@pytest.fixture
def refund_service() -> RefundService:
    """Provide the refund service the scenario runs against."""
    raise NotImplementedError


class TestRefundsByStatus:
    """Refunds by order status."""

    @pytest.mark.parametrize(
        ("status", "amount", "refundable"),
        [
            (OrderStatus.PAID, Decimal("10.00"), True),
            (OrderStatus.SHIPPED, Decimal("10.00"), True),
            (
                OrderStatus.PENDING_PAYMENT_CONFIRMATION_FROM_PROVIDER,
                Decimal("99999.99"),
                False,
            ),
        ],
        ids=["paid", "shipped", "pending"],
    )
    def test_refunds_only_settled_orders(
        self,
        refund_service: RefundService,
        status: OrderStatus,
        amount: Decimal,
        refundable: bool,
    ) -> None:
        """Refunds only settled orders."""
        raise NotImplementedError
