"""CustomerSummary: data transfer object."""

from pydantic import BaseModel, ConfigDict, Field


class CustomerSummary(BaseModel):
    """Data transfer object CustomerSummary."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"customer_id": 7, "display_name": "Ada", "tags": ["vip"]}],
        },
    )

    customer_id: int
    display_name: str
    tags: list[str] = Field(default=[])
    scores: dict[str, list[int]] = Field(default={})
