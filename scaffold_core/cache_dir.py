"""Where scaffold keeps what it can recompute: templates, entry points, plugin outcomes.

That is compiled templates, the entry-point index and what ``scaffold list`` found about
each plugin distribution.

Every cache is bounded and disposable: ``prune`` keeps only the most recently used entries,
and a cache file that cannot be read is ignored and written anew by its reader.
"""

import contextlib
import os
import shutil
from pathlib import Path

__all__ = ["cache_directory", "prune"]


def cache_directory(name: str) -> Path | None:
    """The folder ``name`` under scaffold's cache, created; ``None`` when caching is off.

    ``SCAFFOLD_CACHE_DIR`` moves the cache (default: ``$XDG_CACHE_HOME/scaffold`` or
    ``~/.cache/scaffold``); ``SCAFFOLD_NO_CACHE=1`` turns it off; a cache that cannot be
    created is simply not used. Its modification time is set to now, which marks it as
    used for ``prune``.
    """
    if os.environ.get("SCAFFOLD_NO_CACHE") == "1":
        return None
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "scaffold"
    folder = Path(os.environ.get("SCAFFOLD_CACHE_DIR") or default) / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)
    except OSError:
        return None
    return folder


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Remove all but the ``keep`` most recently used entries of ``folder`` named ``pattern``.

    Entries are files or folders (removed with their content); "used" is the modification
    time. Never raises: an entry another process removes or holds is skipped.
    """
    entries = []
    for entry in folder.glob(pattern):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime_ns, entry))
    for _, entry in sorted(entries, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
