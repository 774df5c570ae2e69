"""The event log: one JSON line per scaffold call, bounded, shared by concurrent processes.

A line (``Event.as_json``)::

    {"time": "2026-11-30T08:31:12.123Z", "type": "dto", "pipeline": "v2",
     "outcome": "user_error", "categories": ["missing", "type"], "duration_ms": 12.3,
     "via": "cli", "core_version": "0.4.0",
     "plugin": "scaffold-artifact-dto", "plugin_version": "0.4.0"}

It never holds a value of the input, a path or a message: only the installed type id (none
for a type that is not installed), names scaffold itself chose (outcome, categories) and
versions. The log lives in ``<project>/.scaffold/events/``: ``events.jsonl``, rotated to
``events.1.jsonl`` ... ``events.<KEEP>.jsonl`` (oldest) past ``MAX_BYTES``.

Concurrency: a line is one ``write()`` to a file opened ``O_APPEND``, so lines of several
processes interleave whole; rotation renames files under an exclusive ``flock`` of
``events.lock`` (POSIX), and a process still writing to a renamed file writes into the
rotated file, so no line is lost but past ``KEEP``.
"""

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

if sys.platform != "win32":
    import fcntl

__all__ = [
    "EVENTS_FOLDER",
    "KEEP",
    "LOG_FILE",
    "MAX_BYTES",
    "OUTCOMES",
    "Event",
    "EventLog",
    "ReadLog",
    "append_event",
    "log_files",
    "read_events",
]

EVENTS_FOLDER: Final = ".scaffold/events"
"""Where the log lives, relative to the project root."""
LOG_FILE: Final = "events.jsonl"
"""The file new lines are appended to; ``events.<n>.jsonl`` are the rotated ones."""
MAX_BYTES: Final = 1_000_000
"""``events.jsonl`` is rotated once it reaches this size (about 4,000 lines)."""
KEEP: Final = 5
"""Rotated files kept: the log holds at most about ``(KEEP + 1) * MAX_BYTES`` bytes."""
OUTCOMES: Final = ("ok", "user_error", "template_bug", "environment_error", "internal_error")
"""Each outcome of a call, from best to worst (``scaffold_core.operations.outcomes``)."""
_LOCK_FILE: Final = "events.lock"
_ROTATED: Final = re.compile(r"events\.([1-9][0-9]*)\.jsonl")


@dataclass(frozen=True)
class Event:
    """One scaffold call, as logged: no input value, no path, no message.

    ``time`` is aware (UTC); ``artifact_type`` is ``None`` when the type given is not
    installed; ``pipeline`` is ``None`` when it could not be chosen (a bad flag value);
    ``outcome`` is one of ``OUTCOMES``; ``categories`` are sorted category names
    (``classify``); ``duration_ms`` is wall time in milliseconds; ``via`` is ``"cli"``,
    ``"recipe"`` or ``"mcp"``; ``plugin`` and ``plugin_version`` name the type's
    distribution (``None`` when the type is not installed).
    """

    time: datetime
    artifact_type: str | None
    pipeline: str | None
    outcome: str
    categories: tuple[str, ...]
    duration_ms: float
    via: str
    core_version: str
    plugin: str | None
    plugin_version: str | None

    def as_json(self) -> dict[str, object]:
        """The line's object (module docstring); ``time`` in ISO 8601 with ``Z``."""
        shaped = asdict(self)
        stamp = self.time.astimezone(UTC).isoformat(timespec="milliseconds")
        return {
            "time": stamp.replace("+00:00", "Z"),
            "type": shaped.pop("artifact_type"),
            **{key: shaped[key] for key in ("pipeline", "outcome")},
            "categories": list(self.categories),
            "duration_ms": round(self.duration_ms, 3),
            **{key: shaped[key] for key in ("via", "core_version", "plugin", "plugin_version")},
        }

    @classmethod
    def from_json(cls, line: str) -> "Event":
        """The event of one line; ``ValueError`` (or ``KeyError``/``TypeError``) if torn."""
        data = json.loads(line)
        outcome = data["outcome"]
        if outcome not in OUTCOMES:
            raise ValueError(outcome)
        categories = data["categories"]
        if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
            raise TypeError(categories)
        time = datetime.fromisoformat(data["time"])
        if time.tzinfo is None:
            raise ValueError(data["time"])
        return cls(
            time=time,
            artifact_type=_optional_text(data["type"]),
            pipeline=_optional_text(data["pipeline"]),
            outcome=outcome,
            categories=tuple(categories),
            duration_ms=float(data["duration_ms"]),
            via=str(data["via"]),
            core_version=str(data["core_version"]),
            plugin=_optional_text(data["plugin"]),
            plugin_version=_optional_text(data["plugin_version"]),
        )


def _optional_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(value)


class EventLog:
    """The log of one project: ``<project_root>/.scaffold/events/``."""

    def __init__(self, project_root: Path) -> None:
        self.folder = project_root / EVENTS_FOLDER

    @property
    def path(self) -> Path:
        """``events.jsonl``, where lines are appended."""
        return self.folder / LOG_FILE


def append_event(log: EventLog, event: Event) -> None:
    """Append ``event`` as one line, rotating the log once it reaches ``MAX_BYTES``.

    Raises ``OSError`` when the folder or file cannot be created or written (the caller,
    ``recording``, turns it into one note: logging never fails a call).
    """
    line = (json.dumps(event.as_json(), separators=(",", ":")) + "\n").encode()
    log.folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(log.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, line)  # one write: concurrent lines never interleave
        full = os.fstat(descriptor).st_size >= MAX_BYTES
    finally:
        os.close(descriptor)
    if full:
        _rotate(log)


def _rotate(log: EventLog) -> None:
    """``events.jsonl`` -> ``events.1.jsonl`` -> ... -> ``events.<KEEP>.jsonl`` (dropped)."""
    with _locked(log.folder / _LOCK_FILE):
        try:
            if log.path.stat().st_size < MAX_BYTES:
                return  # another process rotated it while this one waited for the lock
        except FileNotFoundError:
            return
        for number in range(KEEP - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                _rotated(log, number).replace(_rotated(log, number + 1))
        log.path.replace(_rotated(log, 1))


def _rotated(log: EventLog, number: int) -> Path:
    return log.folder / f"events.{number}.jsonl"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (released by the kernel if the process dies)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        if sys.platform != "win32":  # no flock: rotations are not serialised there
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def log_files(log: EventLog) -> list[Path]:
    """The log's files that exist, oldest first: the rotated ones by number, then the live one."""
    if not log.folder.is_dir():
        return []
    rotated = []
    for path in log.folder.iterdir():
        match = _ROTATED.fullmatch(path.name)
        if match:
            rotated.append((int(match[1]), path))
    live = [log.path] if log.path.is_file() else []
    return [path for _, path in sorted(rotated, reverse=True)] + live


@dataclass(frozen=True)
class ReadLog:
    """What ``read_events`` found: the events, oldest file first, and the lines skipped."""

    events: tuple[Event, ...]
    skipped: int


def read_events(log: EventLog) -> ReadLog:
    """Every event of every file of the log; a torn or foreign line is counted, not read.

    A file that disappears while read (rotated away) is skipped; an unreadable one raises
    ``OSError``.
    """
    events: list[Event] = []
    skipped = 0
    for path in log_files(log):
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        for raw in data.splitlines():
            if not raw.strip():
                continue
            try:
                events.append(Event.from_json(raw.decode()))
            except (ValueError, KeyError, TypeError):
                skipped += 1
    return ReadLog(tuple(events), skipped)
