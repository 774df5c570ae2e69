"""EmptyConfig: Configuration of the platform layer."""

from pydantic import BaseModel, ConfigDict


class EmptyConfig(BaseModel):
    """Configuration of the platform layer."""

    model_config = ConfigDict(frozen=True, extra="forbid")
