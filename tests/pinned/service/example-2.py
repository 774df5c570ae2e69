"""PricingService: application service."""

from decimal import Decimal


class PricingService:
    """Application service."""

    def quote(self, sku: str) -> Decimal:
        """Quote."""
        raise NotImplementedError
