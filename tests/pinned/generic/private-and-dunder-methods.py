"""TemplateCache: A plain class."""

from pathlib import Path

from app.templates import Template


class TemplateCache:
    """A plain class."""

    def __len__(self) -> int:
        """Len."""
        raise NotImplementedError

    def __contains__(self, key: object) -> bool:
        """Contains."""
        raise NotImplementedError

    def get(self, key: str) -> Template | None:
        """Get."""
        raise NotImplementedError

    def _load(self, path: Path) -> Template:
        """Load."""
        raise NotImplementedError
