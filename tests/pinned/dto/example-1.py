"""OrderCreated: Emitted when a customer places an order."""

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class OrderCreated(BaseModel):
    """Emitted when a customer places an order."""

    model_config = ConfigDict(frozen=True)

    order_id: UUID = Field(description="The new order.")
    placed_at: datetime
    total: Decimal = Field(description="Gross amount.")
    currency: str = Field(default="EUR")
