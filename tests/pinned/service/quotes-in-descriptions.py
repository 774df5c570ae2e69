"""QuoteService: Answers "how much?" for a basket"""

from decimal import Decimal


class QuoteService:
    """Answers "how much?" for a basket"""

    def quote(self, basket: dict[str, int]) -> Decimal:
        """Returns the price, e.g. "12.50 EUR\""""
        raise NotImplementedError
