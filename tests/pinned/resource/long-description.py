"""TariffTable: Tariffs per postal zone and weight band, as published by the carrier every quarter, read from the shared configuration store.

Source: The carrier's quarterly tariff sheet, imported into the configuration store by the operations team.
"""

from decimal import Decimal
from functools import cached_property


class TariffTable:
    """Tariffs per postal zone and weight band, as published by the carrier every quarter, read from the shared configuration store.

    Every item is loaded once, on first use, and then served from memory.
    """

    def get(self, key: tuple[int, int]) -> Decimal | None:
        """Return the item under ``key``, or ``None`` when there is none."""
        return self._items.get(key)

    def all(self) -> list[Decimal]:
        """Return every item, in the order of the source."""
        return list(self._items.values())

    @cached_property
    def _items(self) -> dict[tuple[int, int], Decimal]:
        """Load every item by its key on first use, then keep them."""
        return self._load()

    def _load(self) -> dict[tuple[int, int], Decimal]:
        """Read every item from the source, keyed by ``key``."""
        raise NotImplementedError
