"""DatabaseSettings: Connection settings of the primary PostgreSQL database."""

from collections.abc import Mapping
from datetime import timedelta
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class DatabaseSettings(BaseModel):
    """Connection settings of the primary PostgreSQL database."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "database": "orders",
                    "host": "db.internal",
                    "password": "change-me",
                    "user": "orders_app",
                },
            ],
        },
    )

    host: str = Field(description="Host name or address.")
    port: int = Field(default=5432)
    database: str = Field(description="Database name.")
    user: str
    password: SecretStr
    connect_timeout: timedelta = Field(
        default=timedelta(seconds=5),
        description="How long to wait for a connection.",
    )
    pool_size: int = Field(default=10)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Self:
        """Read each setting from the variable ``APP_DB_<NAME>`` in ``environ``.

        ``environ`` is usually ``os.environ``; variables naming no setting are ignored.
        Pydantic converts the text to scalar types, e.g. "8080" to 8080.
        """
        prefix = "APP_DB_"
        values = {
            name: environ[prefix + name.upper()]
            for name in cls.model_fields
            if prefix + name.upper() in environ
        }
        return cls.model_validate(values)
