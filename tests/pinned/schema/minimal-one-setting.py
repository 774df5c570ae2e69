"""CacheSettings: Configuration model."""

from pydantic import BaseModel, ConfigDict


class CacheSettings(BaseModel):
    """Configuration model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ttl_seconds: int
