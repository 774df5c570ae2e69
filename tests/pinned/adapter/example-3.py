"""RedisCacheAdapter: adapter for ``Redis``."""

from datetime import timedelta

from app.caching import Cache
from redis.asyncio import Redis


class RedisCacheAdapter(Cache):
    """Implement ``Cache`` on top of ``Redis``."""

    def __init__(self, client: Redis) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client

    async def get(self, key: str) -> bytes | None:
        """Get."""
        raise NotImplementedError

    async def put(self, key: str, value: bytes, ttl: timedelta) -> None:
        """Put."""
        raise NotImplementedError
