"""RateLimiter: Decides whether a client may make another request."""

from datetime import datetime, timedelta
from typing import Final


class RateLimiter:
    """Decides whether a client may make another request.

    Responsibilities:
    - Count requests per client in a sliding window
    - Reject requests over the limit
    """

    DEFAULT_LIMIT: Final[int] = 100
    """Requests allowed per window."""
    WINDOW: Final[timedelta] = timedelta(minutes=1)

    def allow(self, client_id: str, now: datetime | None = None) -> bool:
        """Whether the client may make a request now.

        Args:
            client_id: The API key or IP address.
        """
        raise NotImplementedError

    def reset(self, client_id: str) -> None:
        """Forget every request the client made so far."""
        raise NotImplementedError
