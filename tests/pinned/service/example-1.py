"""CheckoutService: Turns a customer's cart into a paid order."""

from uuid import UUID

from app.orders.model import Order
from app.orders.ports import OrderRepository
from app.payments.ports import PaymentGateway


class CheckoutService:
    """Turns a customer's cart into a paid order.

    Responsibilities:
    - Price the cart and reserve its stock
    - Charge the customer before the order is confirmed
    - Release the stock when the payment fails
    """

    def __init__(self, orders: OrderRepository, payments: PaymentGateway) -> None:
        """Inject the collaborators the service works with."""
        self._orders = orders
        self._payments = payments

    async def place_order(self, cart_id: UUID) -> Order:
        """Place and pay an order for the cart."""
        raise NotImplementedError

    async def cancel_order(self, order_id: UUID, reason: str) -> None:
        """Cancel an unshipped order and refund it."""
        raise NotImplementedError
