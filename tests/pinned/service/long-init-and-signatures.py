"""ShipmentPlanningService: Plans shipments across warehouses, carriers and delivery windows."""

from collections.abc import Callable, Mapping, Sequence
from datetime import date, time
from typing import Literal
from uuid import UUID

from app.shipping.model import Shipment
from app.shipping.ports import CarrierDirectory, WarehouseInventory


class ShipmentPlanningService:
    """Plans shipments across warehouses, carriers and delivery windows."""

    def __init__(
        self,
        warehouse_inventory: WarehouseInventory,
        carrier_directory: CarrierDirectory,
        delivery_window_provider: Callable[[date], Sequence[tuple[time, time]]],
    ) -> None:
        """Inject the collaborators the service works with."""
        self._warehouse_inventory = warehouse_inventory
        self._carrier_directory = carrier_directory
        self._delivery_window_provider = delivery_window_provider

    async def plan_shipments_for_the_coming_week(
        self,
        order_ids: Sequence[UUID],
        earliest: date,
        priorities: Mapping[UUID, Literal["low", "normal", "high"]],
    ) -> list[Shipment]:
        """Plan shipments for the coming week."""
        raise NotImplementedError

    def __len__(self) -> int:
        """Implement ``__len__``."""
        raise NotImplementedError
