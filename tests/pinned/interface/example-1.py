"""PaymentGateway: Takes and gives back money on a customer's card."""

from decimal import Decimal
from typing import Protocol, runtime_checkable

from app.payments.model import PaymentId


@runtime_checkable
class PaymentGateway(Protocol):
    """Takes and gives back money on a customer's card.

    Runtime-checkable: isinstance() checks that the methods exist, not their signatures.
    """

    def charge(self, amount: Decimal, currency: str, customer_id: str) -> PaymentId:
        """Charge the customer's default card."""
        ...

    def refund(self, payment_id: PaymentId, amount: Decimal | None) -> None:
        """Refund all of a payment, or only amount."""
        ...
