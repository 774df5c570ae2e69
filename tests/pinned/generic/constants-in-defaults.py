"""RetryPolicy: When and how often to retry a failed call."""

from typing import Final


class RetryPolicy:
    """When and how often to retry a failed call."""

    MAX_ATTEMPTS: Final[int] = 5
    """Attempts including the first one."""
    BASE_DELAY: Final = 0.5
    MAX_DELAY: Final[float] = BASE_DELAY * MAX_ATTEMPTS * 4
    RETRYABLE: Final[frozenset[int]] = frozenset({429, 502, 503, 504})

    def delay(self, attempt: int, cap: float = MAX_DELAY) -> float:
        """Seconds to wait before the given attempt."""
        raise NotImplementedError

    def should_retry(self, status: int, attempt: int) -> bool:
        """Should retry."""
        raise NotImplementedError
