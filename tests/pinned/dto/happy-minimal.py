"""Money: data transfer object."""

from pydantic import BaseModel


class Money(BaseModel):
    """Data transfer object Money."""

    amount: int
    currency: str
