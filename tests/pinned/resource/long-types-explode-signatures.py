"""HistoricalWarehouseInventorySnapshots: Read-only ``Mapping[str, Sequence[InventoryPosition]]`` items, looked up by ``warehouse_and_day``."""

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property

from app.stock import InventoryPosition


class HistoricalWarehouseInventorySnapshots:
    """Read-only ``Mapping[str, Sequence[InventoryPosition]]`` items, looked up by ``warehouse_and_day``.

    Every item is loaded once, on first use, and then served from memory.
    """

    def get(
        self,
        warehouse_and_day: tuple[str, date],
    ) -> Mapping[str, Sequence[InventoryPosition]] | None:
        """Return the item under ``warehouse_and_day``, or ``None`` when there is none."""
        return self._items.get(warehouse_and_day)

    def all(self) -> list[Mapping[str, Sequence[InventoryPosition]]]:
        """Return every item, in the order of the source."""
        return list(self._items.values())

    def positions_between_days_for_one_warehouse(
        self,
        warehouse_code: str,
        first_day: date,
        last_day: date,
    ) -> dict[date, Mapping[str, Sequence[InventoryPosition]]]:
        """Positions between days for one warehouse."""
        raise NotImplementedError

    @cached_property
    def _items(
        self,
    ) -> dict[tuple[str, date], Mapping[str, Sequence[InventoryPosition]]]:
        """Load every item by its key on first use, then keep them."""
        return self._load()

    def _load(
        self,
    ) -> dict[tuple[str, date], Mapping[str, Sequence[InventoryPosition]]]:
        """Read every item from the source, keyed by ``warehouse_and_day``."""
        raise NotImplementedError
