"""InvoiceLine: One line of an invoice."""

from pydantic import BaseModel, ConfigDict, Field


class InvoiceLine(BaseModel):
    """One line of an invoice."""

    model_config = ConfigDict(frozen=True)

    sku: str = Field(description="Stock keeping unit.")
    quantity: int = Field(default=1, description="How many.")
