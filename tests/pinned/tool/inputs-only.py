"""ArchiveCustomerTool: Archive customer."""

from pydantic import BaseModel, ConfigDict, Field


class ArchiveCustomerInput(BaseModel):
    """What the ArchiveCustomer tool takes."""

    model_config = ConfigDict(frozen=True)

    customer_id: int
    reason: str | None = Field(default=None)


class ArchiveCustomerOutput(BaseModel):
    """What the ArchiveCustomer tool returns."""

    model_config = ConfigDict(frozen=True)


class ArchiveCustomerTool:
    """Archive customer."""

    name = "archive_customer"
    description = "Archive customer."

    def run(self, request: ArchiveCustomerInput) -> ArchiveCustomerOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
