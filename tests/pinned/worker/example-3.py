"""CacheWarmer: a infrastructure worker."""

from logging import Logger, getLogger


class CacheWarmer:
    """Run one unit of infrastructure work."""

    name = "cache_warmer"
    layer = "infrastructure"

    def __init__(self, logger: Logger | None = None) -> None:
        self._logger = logger if logger is not None else getLogger(__name__)

    def run(self) -> None:
        """Run every step once, in order."""
        self._logger.info("%s: run started", self.name)
        self._logger.info("%s: run finished", self.name)
