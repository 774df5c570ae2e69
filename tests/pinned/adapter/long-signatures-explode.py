"""WarehouseManagementSystemAdapter: adapter for ``dict[str, Callable[[str, int], Mapping[str, Sequence[int]]]]``."""

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime


class WarehouseManagementSystemAdapter:
    """Wrap ``dict[str, Callable[[str, int], Mapping[str, Sequence[int]]]]`` behind a typed API."""

    def __init__(
        self,
        client: dict[str, Callable[[str, int], Mapping[str, Sequence[int]]]],
    ) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client

    def reserve_stock_for_order_lines(
        self,
        order_reference: str,
        lines: Sequence[tuple[str, int]],
        deadline: datetime | None,
    ) -> Mapping[str, int]:
        """Reserve stock for order lines."""
        raise NotImplementedError

    def close(self) -> None:
        """Close."""
        raise NotImplementedError
