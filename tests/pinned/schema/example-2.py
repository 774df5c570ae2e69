"""FeatureFlags: Configuration model."""

from pydantic import BaseModel, ConfigDict, Field


class FeatureFlags(BaseModel):
    """Configuration model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    new_checkout: bool = Field(default=False)
    beta_users: frozenset[int] = Field(default=frozenset())
