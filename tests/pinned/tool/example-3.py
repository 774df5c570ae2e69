"""ConvertCurrencyTool: Converts an amount between two currencies."""

from decimal import Decimal

from app.money import Money
from pydantic import BaseModel, ConfigDict, Field


class ConvertCurrencyInput(BaseModel):
    """What the ConvertCurrency tool takes."""

    model_config = ConfigDict(frozen=True)

    amount: Money
    target_currency: str = Field(default="EUR")


class ConvertCurrencyOutput(BaseModel):
    """What the ConvertCurrency tool returns."""

    model_config = ConfigDict(frozen=True)

    converted: Money
    rate: Decimal


class ConvertCurrencyTool:
    """Converts an amount between two currencies."""

    name = "convert_currency"
    description = "Converts an amount between two currencies."

    def run(self, request: ConvertCurrencyInput) -> ConvertCurrencyOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
