"""Settings: data transfer object."""

from pydantic import BaseModel, Field


class Settings(BaseModel):
    """Data transfer object Settings."""

    retries: int = Field(default=3)
    ratio: float = Field(default=0.5)
    enabled: bool = Field(default=True)
    label: str = Field(default="main")
    tags: list[str] = Field(default=[])
