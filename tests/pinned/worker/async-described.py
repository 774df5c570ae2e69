"""WebhookRelay: Forwards webhooks to subscribers."""

from logging import Logger, getLogger


class WebhookRelay:
    """Forwards webhooks to subscribers."""

    name = "webhook_relay"
    layer = "integration"

    def __init__(self, logger: Logger | None = None) -> None:
        self._logger = logger if logger is not None else getLogger(__name__)

    async def run(self) -> None:
        """Run every step once, in order."""
        self._logger.info("%s: run started", self.name)
        await self.fetch_pending()
        await self.deliver()
        self._logger.info("%s: run finished", self.name)

    async def fetch_pending(self) -> None:
        """Fetch pending."""
        raise NotImplementedError

    async def deliver(self) -> None:
        """Deliver."""
        raise NotImplementedError
