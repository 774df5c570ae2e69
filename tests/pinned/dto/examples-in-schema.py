"""Point: data transfer object."""

from pydantic import BaseModel, ConfigDict


class Point(BaseModel):
    """Data transfer object Point."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"x": 1, "y": 2}, {"x": -1.5, "y": 0}]},
    )

    x: float
    y: float
