"""Whether a scaffold call is logged, and the one helper every entry point logs it with.

Standard library only, as every ``scaffold new`` imports it: the log itself
(``scaffold_core.operations.events``) is imported only when the log is on.

The log is on when ``SCAFFOLD_EVENTS=1``, off when ``SCAFFOLD_EVENTS=0``, else as the
project's ``[tool.scaffold] events`` says (default off). Logging never fails a call: a log
that cannot be written is a note on standard error, and so is an unknown value of the
variable, each once per process (``scaffold_core.notes``; none under ``--json``).
"""

import contextlib
import os
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

from scaffold_core.notes import note_once

if TYPE_CHECKING:
    from scaffold_core.manager import ArtifactManager

__all__ = ["EVENTS_VARIABLE", "Call", "events_enabled", "recording"]

EVENTS_VARIABLE: Final = "SCAFFOLD_EVENTS"
"""``1`` turns the event log on, ``0`` off, whatever the project's setting says."""


def events_enabled(*, setting: bool, environ: Mapping[str, str] | None = None) -> bool:
    """``SCAFFOLD_EVENTS`` (``1``/``0``) when set, else ``setting`` (``[tool.scaffold] events``).

    Any other value of the variable is noted on standard error (once per process) and
    ``setting`` decides: a typo must not go unseen, nor fail the call it only observes.
    """
    raw = (os.environ if environ is None else environ).get(EVENTS_VARIABLE)
    if raw is None:
        return setting
    if raw.strip() in {"0", "1"}:
        return raw.strip() == "1"
    note_once(
        EVENTS_VARIABLE,
        f"scaffold: {EVENTS_VARIABLE}={raw!r} ignored: use 1 (log each call) or 0 (do not)",
    )
    return setting


class Call:
    """The call a ``recording`` block times; ``paused()`` leaves out time spent on a person."""

    def __init__(self) -> None:
        self.paused_seconds = 0.0

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Time in this block is not the call's (a prompt waiting for answers)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.paused_seconds += time.perf_counter() - started


@contextlib.contextmanager
def recording(
    manager: "ArtifactManager",
    artifact_type: str | None,
    pipeline: str | None,
    *,
    via: str,
) -> Iterator[Call]:
    """Log the call the ``with`` block makes, when the log is on; re-raise what it raises.

    ``artifact_type`` and ``pipeline`` are as the caller was given them (``None``: not
    given); the type is logged only when installed, the pipeline as ``choose_pipeline``
    picks it. ``via`` names the entry point (``"cli"``, ``"recipe"``, ``"mcp"``). The
    duration leaves out the block's ``Call.paused()`` time. An interruption
    (``KeyboardInterrupt``) is not logged.
    """
    call = Call()
    if not events_enabled(setting=manager.settings.events):
        yield call
        return
    started = time.perf_counter()
    try:
        yield call
    except Exception as error:
        _log_quietly(manager, artifact_type, pipeline, via, started + call.paused_seconds, error)
        raise
    _log_quietly(manager, artifact_type, pipeline, via, started + call.paused_seconds, None)


def _log_quietly(
    manager: "ArtifactManager",
    artifact_type: str | None,
    pipeline: str | None,
    via: str,
    started: float,
    error: Exception | None,
) -> None:
    """``_log``; whatever goes wrong is a note (once per process), never the call's failure."""
    try:
        _log(manager, artifact_type, pipeline, via, started, error)
    except OSError as failure:
        from scaffold_core.operations.events import EVENTS_FOLDER  # noqa: PLC0415

        folder = manager.project_root / EVENTS_FOLDER
        reason = failure.strerror or type(failure).__name__
        note_once(_NOT_LOGGED, f"scaffold: event not logged in {folder}: {reason}")
    except Exception as failure:  # noqa: BLE001 -- a bug here must not fail the call it observes
        note_once(_NOT_LOGGED, f"scaffold: event not logged: {type(failure).__name__}: {failure}")


_NOT_LOGGED: Final = "event not logged"


def _log(
    manager: "ArtifactManager",
    artifact_type: str | None,
    pipeline: str | None,
    via: str,
    started: float,
    error: Exception | None,
) -> None:
    """Append the call's event; raises ``OSError`` when the log cannot be written."""
    duration_ms = (time.perf_counter() - started) * 1000
    # Imported here: only a project that logs pays for them (start-up time).
    from scaffold_core import __version__  # noqa: PLC0415
    from scaffold_core.errors import BadOption  # noqa: PLC0415
    from scaffold_core.operations.events import Event, EventLog, append_event  # noqa: PLC0415
    from scaffold_core.operations.outcomes import classify  # noqa: PLC0415
    from scaffold_core.pipelines.flag import choose_pipeline  # noqa: PLC0415

    entries = manager.registry.entries(artifact_type) if artifact_type else ()
    entry = entries[0] if len(entries) == 1 else None
    try:
        chosen: str | None = choose_pipeline(pipeline)
    except BadOption:
        chosen = None
    outcome, categories = classify(error)
    event = Event(
        time=datetime.now(UTC),
        artifact_type=None if not entries else artifact_type,
        pipeline=chosen,
        outcome=outcome,
        categories=categories,
        duration_ms=duration_ms,
        via=via,
        core_version=__version__,
        plugin=None if entry is None else entry.distribution,
        plugin_version=None if entry is None else entry.version,
    )
    append_event(EventLog(manager.project_root), event)
