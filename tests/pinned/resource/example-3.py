"""ExchangeRates: Daily reference rates between two currencies.

Source: The central bank's daily reference-rate feed.
"""

from decimal import Decimal


class ExchangeRates:
    """Daily reference rates between two currencies."""

    def get(self, currency_pair: tuple[str, str]) -> Decimal | None:
        """Return the item under ``currency_pair``, or ``None`` when there is none."""
        raise NotImplementedError

    def all(self) -> list[Decimal]:
        """Return every item, in the order of the source."""
        raise NotImplementedError
