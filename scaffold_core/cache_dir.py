"""Where scaffold keeps what it can recompute: compiled templates, the entry-point index."""

import os
from pathlib import Path

__all__ = ["cache_directory"]


def cache_directory(name: str) -> Path | None:
    """The folder ``name`` under scaffold's cache, created; ``None`` when caching is off.

    ``SCAFFOLD_CACHE_DIR`` moves the cache (default: ``$XDG_CACHE_HOME/scaffold`` or
    ``~/.cache/scaffold``); ``SCAFFOLD_NO_CACHE=1`` turns it off; a cache that cannot be
    created is simply not used.
    """
    if os.environ.get("SCAFFOLD_NO_CACHE") == "1":
        return None
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "scaffold"
    folder = Path(os.environ.get("SCAFFOLD_CACHE_DIR") or default) / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
