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
import errno
import json
import math
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from scaffold_core.pipelines.flag import PIPELINES

if sys.platform != "win32":
    import fcntl

__all__ = [
    "CATEGORY",
    "EVENTS_FOLDER",
    "KEEP",
    "LINE_KEYS",
    "LOG_FILE",
    "MAX_BYTES",
    "MAX_DURATION_MS",
    "MAX_LINE",
    "OUTCOMES",
    "VIAS",
    "Event",
    "EventLog",
    "ReadLog",
    "UnsafeLog",
    "append_event",
    "check_duration",
    "check_event",
    "log_files",
    "read_events",
    "safe_folder",
    "utc_time",
]

EVENTS_FOLDER: Final = ".scaffold/events"
"""Where the log lives, relative to the project root."""
LOG_FILE: Final = "events.jsonl"
"""The file new lines are appended to; ``events.<n>.jsonl`` are the rotated ones."""
MAX_BYTES: Final = 1_000_000
"""``events.jsonl`` is rotated once it reaches this size (measured: 4,785 lines of 209 bytes,
the size of a ``dto`` call's line)."""
KEEP: Final = 5
"""Rotated files kept: the log holds at most about ``(KEEP + 1) * MAX_BYTES`` bytes."""
OUTCOMES: Final = ("ok", "user_error", "template_bug", "environment_error", "internal_error")
"""Each outcome of a call, from best to worst (``scaffold_core.operations.outcomes``)."""
VIAS: Final = ("cli", "recipe", "mcp")
"""The entry points a call comes through."""
CATEGORY: Final = re.compile(r"[a-z][a-z0-9_]*")
"""A category name (``classify``), as docs/schemas/stats.schema.json states it."""
MAX_DURATION_MS: Final = 86_400_000.0
"""The longest duration a line may hold: a day (a longer one is no scaffold call's)."""
LINE_KEYS: Final = (
    "time",
    "type",
    "pipeline",
    "outcome",
    "categories",
    "duration_ms",
    "via",
    "core_version",
    "plugin",
    "plugin_version",
)
"""A line's keys, in the order written."""
MAX_LINE: Final = 4096
"""A longer line is foreign (a real one is about 210 characters): skipped unparsed."""
_LINE_TIME: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
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

    The one definition of a line, for the writer and the reader alike: building an event
    that breaks it (``check_event``) raises ``ValueError``.
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

    def __post_init__(self) -> None:
        """Normalise ``time`` to UTC and check every field (``check_event``)."""
        object.__setattr__(self, "time", utc_time(self.time))
        check_event(self)

    def as_json(self) -> dict[str, object]:
        """The line's object (module docstring); ``time`` in ISO 8601 with ``Z``."""
        shaped = asdict(self)
        stamp = self.time.isoformat(timespec="milliseconds")
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
        """The event of one line; ``ValueError`` for any line the writer would not write.

        Longer than ``MAX_LINE`` characters, not one JSON object (``NaN`` and ``Infinity``
        included, nesting too deep), keys other than ``LINE_KEYS``, or a field that breaks
        ``check_event``.
        """
        if len(line) > MAX_LINE:
            raise ValueError("line too long")
        try:
            data = json.loads(line, parse_constant=_no_constant)
        except RecursionError:
            raise ValueError("nested too deep") from None
        if not isinstance(data, dict) or list(data) != list(LINE_KEYS):
            raise ValueError("not an event's keys")
        time = data["time"]
        if not isinstance(time, str) or not _LINE_TIME.fullmatch(time):
            raise ValueError("time")
        categories = data["categories"]
        duration = data["duration_ms"]
        if not isinstance(categories, list) or isinstance(duration, bool):
            raise ValueError("categories or duration")  # noqa: TRY004 -- one error for all
        if not isinstance(duration, int | float):
            raise ValueError("duration")  # noqa: TRY004
        return cls(
            time=datetime.fromisoformat(time),
            artifact_type=data["type"],
            pipeline=data["pipeline"],
            outcome=data["outcome"],
            categories=tuple(categories),
            duration_ms=float(duration),
            via=data["via"],
            core_version=data["core_version"],
            plugin=data["plugin"],
            plugin_version=data["plugin_version"],
        )


def check_event(event: Event) -> None:
    """``ValueError`` naming the first field of ``event`` that breaks the line's definition.

    ``time`` aware; ``pipeline`` ``None`` or one of ``PIPELINES``; ``outcome`` one of
    ``OUTCOMES``; ``categories`` sorted, distinct names matching ``CATEGORY``, none for
    ``ok``; ``duration_ms`` a valid duration (``check_duration``); ``via`` one of ``VIAS``;
    the other fields text (``None`` where allowed).
    """
    if event.time.tzinfo is None:
        raise ValueError("time: no offset")
    if event.pipeline is not None and event.pipeline not in PIPELINES:
        raise ValueError(f"pipeline: {event.pipeline!r}")
    if event.outcome not in OUTCOMES:
        raise ValueError(f"outcome: {event.outcome!r}")
    names = event.categories
    if not all(isinstance(name, str) and CATEGORY.fullmatch(name) for name in names):
        raise ValueError(f"categories: {names!r}")
    if list(names) != sorted(set(names)) or (event.outcome == "ok" and names):
        raise ValueError(f"categories: {names!r}")
    check_duration(event.duration_ms)
    if event.via not in VIAS:
        raise ValueError(f"via: {event.via!r}")
    if not isinstance(event.core_version, str):
        raise ValueError("core_version")  # noqa: TRY004 -- one error for every bad field
    for value in (event.artifact_type, event.plugin, event.plugin_version):
        if value is not None and not isinstance(value, str):
            raise ValueError(f"not text: {value!r}")


def check_duration(value: object) -> float:
    """``value`` as a duration in ms, or ``ValueError``.

    A duration is a finite number (not a boolean) from 0 to ``MAX_DURATION_MS``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"duration: {value!r}")  # noqa: TRY004
    if not (math.isfinite(value) and 0 <= value <= MAX_DURATION_MS):
        raise ValueError(f"duration: {value!r}")
    return float(value)


def utc_time(moment: datetime) -> datetime:
    """``moment`` (aware) in UTC; ``ValueError`` when naive or beyond UTC's range.

    Year 1 at +01:00, or year 9999 at -01:00, has no UTC time.
    """
    if moment.tzinfo is None:
        raise ValueError("time: no offset")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("time: out of range in UTC") from None


def _no_constant(name: str) -> object:
    """``json.loads``' hook for ``NaN``, ``Infinity``, ``-Infinity``: never a value here."""
    raise ValueError(name)


class EventLog:
    """The log of one project: ``<project_root>/.scaffold/events/``."""

    def __init__(self, project_root: Path) -> None:
        self.root = project_root
        self.folder = project_root / EVENTS_FOLDER

    @property
    def path(self) -> Path:
        """``events.jsonl``, where lines are appended."""
        return self.folder / LOG_FILE


class UnsafeLog(OSError):
    """The log's folder or file is a symbolic link, or not a folder/file: never written."""


def safe_folder(log: EventLog) -> Path:
    """``log.folder``, created if missing, after checking no name on its way is a link.

    From the project root (real path), ``.scaffold`` and ``.scaffold/events`` must each be
    a real folder or absent (then created), as scaffold never writes through a symbolic
    link (scaffold_core/write/safe_path.py): a link there could lead the log out of the
    project. Raises ``UnsafeLog`` (an ``OSError``) naming the link, or ``OSError``.
    """
    folder = log.root.resolve()
    for name in Path(EVENTS_FOLDER).parts:
        folder = folder / name
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
        found = os.lstat(folder)
        if not stat.S_ISDIR(found.st_mode):
            what = "a symbolic link" if stat.S_ISLNK(found.st_mode) else "not a folder"
            raise UnsafeLog(errno.EEXIST, f"{folder} is {what}: scaffold never logs through it")
    return folder


def append_event(log: EventLog, event: Event) -> None:
    """Append ``event`` as one line, rotating the log once it reaches ``MAX_BYTES``.

    The file is opened ``O_NOFOLLOW`` in a folder ``safe_folder`` checked: never through a
    link. When the file does not end with a newline (a line torn by a full disk or a kill),
    the line starts with one (its last byte read: ``O_RDWR``), in the same single write, so
    it is not glued to the torn one (two processes doing so at once leave an empty line,
    which the reader skips). Raises
    ``OSError`` (``UnsafeLog`` for a link) when the log cannot be written (the caller,
    ``recording``, turns it into one note: logging never fails a call).
    """
    line = json.dumps(event.as_json(), separators=(",", ":"), allow_nan=False) + "\n"
    folder = safe_folder(log)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(folder / LOG_FILE, flags, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeLog(errno.ELOOP, f"{log.path} is a symbolic link: not followed") from None
        raise
    try:
        size = os.fstat(descriptor).st_size
        if size and os.pread(descriptor, 1, size - 1) != b"\n":
            line = "\n" + line
        os.write(descriptor, line.encode())  # one write: concurrent lines never interleave
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
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
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
