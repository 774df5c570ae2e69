"""SearchIndexSettings: Connection, batching and refresh behaviour of the full-text search index that backs the product catalogue."""

from collections.abc import Mapping
from typing import Self

from pydantic import BaseModel, ConfigDict, Field


class SearchIndexSettings(BaseModel):
    """Connection, batching and refresh behaviour of the full-text search index that backs the product catalogue."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"url": "http://localhost:9200"},
                {
                    "url": "https://search.internal:9200",
                    "batch_size": 1000,
                    "synonyms": ["tv, television", "laptop, notebook"],
                },
            ],
        },
    )

    url: str
    batch_size: int = Field(default=500)
    synonyms: list[str] = Field(
        default=[],
        description="Extra synonym rules in Solr format, applied when the index is rebuilt from scratch.",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Self:
        """Read each setting from the variable ``SEARCH_<NAME>`` in ``environ``.

        ``environ`` is usually ``os.environ``; variables naming no setting are ignored.
        Pydantic converts the text to scalar types, e.g. "8080" to 8080.
        """
        prefix = "SEARCH_"
        values = {
            name: environ[prefix + name.upper()]
            for name in cls.model_fields
            if prefix + name.upper() in environ
        }
        return cls.model_validate(values)
