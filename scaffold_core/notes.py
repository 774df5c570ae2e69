"""Notes on standard error that a process writes once, and a block that writes none.

A note tells a person something scaffold ignored or could not do beside the command's work
(a setting's value it does not know, an event log it cannot write). Said once per process,
not once per call: a recipe of many steps, or an MCP server's many calls, repeat nothing.
Inside ``notes_held`` (a command given ``--json``: its standard error stays empty, as
docs/cli.md promises) nothing is written, and the note may still be written later.
Standard library only: every command imports it.
"""

import contextlib
import contextvars
import sys
import threading
from collections.abc import Iterator

__all__ = ["note_once", "notes_held"]

_written: set[str] = set()
_lock = threading.Lock()
_held: contextvars.ContextVar[bool] = contextvars.ContextVar("notes_held", default=False)


def note_once(key: str, text: str) -> None:
    """Write ``text`` and a newline to standard error, the first time ``key`` is noted.

    ``key`` names the note (``"SCAFFOLD_EVENTS"``), so that the same note with another
    detail is still one note. Nothing inside ``notes_held``.
    """
    if _held.get():
        return
    with _lock:
        if key in _written:
            return
        _written.add(key)
    sys.stderr.write(f"{text}\n")


@contextlib.contextmanager
def notes_held(held: bool = True) -> Iterator[None]:  # noqa: FBT001, FBT002 -- one switch
    """No note inside the block when ``held`` (a command given ``--json``)."""
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
