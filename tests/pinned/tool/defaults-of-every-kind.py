"""ExportReportTool: Export report.

Layer: analytics
"""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ExportReportInput(BaseModel):
    """What the ExportReport tool takes."""

    model_config = ConfigDict(frozen=True)

    retries: int = Field(default=3)
    ratio: float = Field(default=0.5)
    dry_run: bool = Field(default=False)
    format: Literal["pdf", "csv"] = Field(default="pdf")
    columns: list[str] = Field(default=[])


class ExportReportOutput(BaseModel):
    """What the ExportReport tool returns."""

    model_config = ConfigDict(frozen=True)

    location: Path = Field(description="Where the report was written.")


class ExportReportTool:
    """Export report."""

    name = "export_report"
    description = "Export report."

    def run(self, request: ExportReportInput) -> ExportReportOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
