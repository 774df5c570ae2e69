"""FeatureFlagsAdapter: adapter for ``Any``."""

from typing import Any, Literal
from uuid import UUID

from app.flags import FlagSource


class FeatureFlagsAdapter(FlagSource):
    """Implement ``FlagSource`` on top of ``Any``."""

    def __init__(self, client: Any) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client

    async def variant(
        self,
        flag: str,
        audience: Literal["beta", "general"],
    ) -> str | None:
        """Variant."""
        raise NotImplementedError

    def snapshot(self) -> dict[str, list[UUID]]:
        """Snapshot."""
        raise NotImplementedError
