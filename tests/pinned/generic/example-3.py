"""ReportExporter: Writes finished reports to the archive."""

from pathlib import Path

from app.reports import Report


class ReportExporter:
    """Writes finished reports to the archive."""

    async def export(self, report: Report, target: Path) -> Path:
        """Write the report below the target folder."""
        raise NotImplementedError

    def formats(self) -> list[str]:
        """The file formats the archive accepts."""
        raise NotImplementedError
