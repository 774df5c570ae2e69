"""StripePaymentsAdapter: Charges and refunds card payments through Stripe."""

from decimal import Decimal

from app.payments.model import PaymentId
from app.payments.ports import PaymentGateway
from stripe import StripeClient


class StripePaymentsAdapter(PaymentGateway):
    """Charges and refunds card payments through Stripe."""

    def __init__(self, client: StripeClient) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client

    def charge(self, amount: Decimal, currency: str, customer_id: str) -> PaymentId:
        """Charge the customer's default card."""
        raise NotImplementedError

    def refund(self, payment_id: PaymentId, amount: Decimal | None) -> None:
        """Refund all or part of a payment."""
        raise NotImplementedError
