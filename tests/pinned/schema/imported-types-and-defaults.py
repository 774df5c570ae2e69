"""StorageConfig: Configuration model."""

from datetime import date, timedelta
from pathlib import Path

from app.storage import Backend
from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class StorageConfig(BaseModel):
    """Configuration model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    backend: Backend = Field(default=Backend.LOCAL)
    root: Path = Field(default=Path("/var/lib/app"))
    endpoint: HttpUrl | None = Field(default=None)
    retention: timedelta = Field(default=timedelta(days=30))
    created: date
