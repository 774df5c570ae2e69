"""Index: data transfer object."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class Index(BaseModel):
    """Data transfer object Index."""

    postings: dict[str, list[int]]
    ranges: list[tuple[int, int]] = Field(default=[])
    created: datetime
    kind: Literal["a", "b"] = Field(default="a")
