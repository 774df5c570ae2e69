"""ShipmentLabel: Printable label data for one parcel."""

from app.shipping import Carrier
from pydantic import BaseModel, Field


class ShipmentLabel(BaseModel):
    """Printable label data for one parcel."""

    carrier: Carrier
    tracking_code: str | None = Field(default=None)
    weight_grams: int = Field(description="Über 0 g.")
