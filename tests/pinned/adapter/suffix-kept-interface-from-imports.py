"""SystemClockAdapter: adapter for ``ModuleType``."""

from datetime import datetime
from types import ModuleType

from app.time import Clock


class SystemClockAdapter(Clock):
    """Implement ``Clock`` on top of ``ModuleType``."""

    def __init__(self, client: ModuleType) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        raise NotImplementedError
