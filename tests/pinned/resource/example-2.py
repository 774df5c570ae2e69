"""FeatureFlags: Read-only ``bool`` items, looked up by ``key``."""


class FeatureFlags:
    """Read-only ``bool`` items, looked up by ``key``."""

    def get(self, key: str) -> bool | None:
        """Return the item under ``key``, or ``None`` when there is none."""
        raise NotImplementedError

    def all(self) -> list[bool]:
        """Return every item, in the order of the source."""
        raise NotImplementedError
