"""PathStoreAdapter: adapter for ``Path``."""

from pathlib import Path


class PathStoreAdapter:
    """Wrap ``Path`` behind a typed API."""

    def __init__(self, client: Path) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client
