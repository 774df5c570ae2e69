"""HttpClientConfig: Timeouts and retries of the outbound HTTP client."""

from collections.abc import Mapping
from typing import Self

from pydantic import BaseModel, ConfigDict, Field


class HttpClientConfig(BaseModel):
    """Timeouts and retries of the outbound HTTP client."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = Field(
        description='Scheme, host and optional port, e.g. "https://api.example.com".',
    )
    timeout: float = Field(default=10.0)
    retries: int = Field(
        default=3,
        description="How often a failed idempotent request is repeated.",
    )
    headers: dict[str, str] = Field(default={})

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Self:
        """Read each setting from the variable ``HTTP_CLIENT_<NAME>`` in ``environ``.

        ``environ`` is usually ``os.environ``; variables naming no setting are ignored.
        Pydantic converts the text to scalar types, e.g. "8080" to 8080.
        """
        prefix = "HTTP_CLIENT_"
        values = {
            name: environ[prefix + name.upper()]
            for name in cls.model_fields
            if prefix + name.upper() in environ
        }
        return cls.model_validate(values)
