"""ReportBuilder: a analytics worker."""

from logging import Logger, getLogger


class ReportBuilder:
    """Run one unit of analytics work."""

    name = "report_builder"
    layer = "analytics"

    def __init__(self, logger: Logger | None = None) -> None:
        self._logger = logger if logger is not None else getLogger(__name__)

    def run(self) -> None:
        """Run every step once, in order."""
        self._logger.info("%s: run started", self.name)
        self.load_rows()
        self.render_pdf()
        self.upload()
        self._logger.info("%s: run finished", self.name)

    def load_rows(self) -> None:
        """Load rows."""
        raise NotImplementedError

    def render_pdf(self) -> None:
        """Render pdf."""
        raise NotImplementedError

    def upload(self) -> None:
        """Upload."""
        raise NotImplementedError
