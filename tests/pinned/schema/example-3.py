"""LoggingConfig: How the service writes its logs."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class LoggingConfig(BaseModel):
    """How the service writes its logs."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"level": "DEBUG"},
                {"level": "WARNING", "log_dir": "/var/log"},
            ],
        },
    )

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(default="INFO")
    log_dir: Path | None = Field(
        default=None,
        description="Where to write log files; stdout when unset.",
    )
    json_format: bool = Field(default=True)
