"""SendInvoiceTool: Sends an issued invoice to the customer by email.

Layer: billing

Responsibilities:
- Render the invoice as PDF
- Mail it to the billing contact
- Record when it was sent
"""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class SendInvoiceInput(BaseModel):
    """What the SendInvoice tool takes."""

    model_config = ConfigDict(frozen=True)

    invoice_id: UUID = Field(description="The invoice.")
    cc: list[str] = Field(default=[], description="Extra recipients.")


class SendInvoiceOutput(BaseModel):
    """What the SendInvoice tool returns."""

    model_config = ConfigDict(frozen=True)

    message_id: str = Field(description="Mail server id.")
    sent_at: datetime


class SendInvoiceTool:
    """Sends an issued invoice to the customer by email."""

    name = "send_invoice"
    description = "Sends an issued invoice to the customer by email."

    async def run(self, request: SendInvoiceInput) -> SendInvoiceOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
