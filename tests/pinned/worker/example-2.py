"""InvoiceMailer: Sends invoices that are due."""

from logging import Logger, getLogger


class InvoiceMailer:
    """Sends invoices that are due."""

    name = "invoice_mailer"
    layer = "notifications"

    def __init__(self, logger: Logger | None = None) -> None:
        self._logger = logger if logger is not None else getLogger(__name__)

    async def run(self) -> None:
        """Run every step once, in order."""
        self._logger.info("%s: run started", self.name)
        await self.collect_due_invoices()
        await self.send_invoice_mail()
        self._logger.info("%s: run finished", self.name)

    async def collect_due_invoices(self) -> None:
        """Collect due invoices."""
        raise NotImplementedError

    async def send_invoice_mail(self) -> None:
        """Send invoice mail."""
        raise NotImplementedError
