"""OrderWorker: Turns paid orders into shipments.

Scope: Orders in state PAID, one at a time.

Responsibilities:
- Reserve stock
- Request a shipment label
"""

from logging import Logger, getLogger


class OrderWorker:
    """Turns paid orders into shipments."""

    name = "order_worker"
    layer = "platform"

    def __init__(self, logger: Logger | None = None) -> None:
        self._logger = logger if logger is not None else getLogger(__name__)

    def run(self) -> None:
        """Run every step once, in order."""
        self._logger.info("%s: run started", self.name)
        self.reserve_stock()
        self.request_label()
        self._logger.info("%s: run finished", self.name)

    def reserve_stock(self) -> None:
        """Reserve stock."""
        raise NotImplementedError

    def request_label(self) -> None:
        """Request label."""
        raise NotImplementedError
