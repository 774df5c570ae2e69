"""LedgerCloser: a finance worker.

Scope: Closes one accounting day.

Responsibilities:
- Sum the day's entries
- Lock the day
- Émettre le rapport
"""

from logging import Logger, getLogger


class LedgerCloser:
    """Run one unit of finance work."""

    name = "ledger_closer"
    layer = "finance"

    def __init__(self, logger: Logger | None = None) -> None:
        self._logger = logger if logger is not None else getLogger(__name__)

    def run(self) -> None:
        """Run every step once, in order."""
        self._logger.info("%s: run started", self.name)
        self._logger.info("%s: run finished", self.name)
