"""Contact: data transfer object."""

from pydantic import BaseModel, Field


class Contact(BaseModel):
    """Data transfer object Contact."""

    email: str | None = Field(default=None)
    phone: str | None = Field(default=None, description="E.164 format.")
