"""WideRecord: data transfer object."""

from pydantic import BaseModel


class WideRecord(BaseModel):
    """Data transfer object WideRecord."""

    attribute_01: str
    attribute_02: float
    attribute_03: bool
    attribute_04: list[str]
    attribute_05: int
    attribute_06: str
    attribute_07: float
    attribute_08: bool
    attribute_09: list[str]
    attribute_10: int
    attribute_11: str
    attribute_12: float
    attribute_13: bool
    attribute_14: list[str]
    attribute_15: int
    attribute_16: str
    attribute_17: float
    attribute_18: bool
    attribute_19: list[str]
    attribute_20: int
    attribute_21: str
    attribute_22: float
    attribute_23: bool
