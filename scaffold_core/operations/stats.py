"""The event log summarised (``scaffold stats``): rates, categories, durations, adoption.

The figures and their thresholds (docs/operations.md):

- success rate: ``ok`` calls / all calls;
- error rate: calls that failed through no fault of the user's input (``template_bug``,
  ``environment_error``, ``internal_error``) / all calls; ``--check`` fails above
  ``ERROR_RATE_LIMIT`` (5 %). User errors are scaffold doing its job (saying what is wrong),
  shown beside it but not counted;
- validation errors by category: the user's input (``user_error`` categories) and schema
  issues, the plugin's fault (``template_bug`` categories);
- p50 / p95 duration of the successful calls per type and pipeline (nearest rank);
  ``--check`` fails when a p95 is more than ``P95_LIMIT`` (1.3) times its baseline;
- v2 adoption: calls on v2 / calls on a known pipeline (``adoption``), overall and per
  month, with the v2 defects (``template_bug`` and ``internal_error`` calls on v2), for the
  v1 removal criteria.

No figure is ever NaN or infinite: the events are checked as read (``Event.from_json``),
the baseline too (``read_baseline``), and the document is written with ``allow_nan=False``.
"""

import json
import math
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from scaffold_core.errors import BadOption
from scaffold_core.operations.events import (
    OUTCOMES,
    Event,
    EventLog,
    check_duration,
    safe_folder,
    utc_time,
)
from scaffold_core.pipelines.flag import PIPELINES

__all__ = [
    "BASELINE_FILE",
    "DEFECTS",
    "ERROR_RATE_LIMIT",
    "FAILURES",
    "P95_LIMIT",
    "REMOVAL_ADOPTION",
    "REMOVAL_MONTHS",
    "DurationRow",
    "Key",
    "MonthRow",
    "Summary",
    "above_limit",
    "adoption",
    "check",
    "iso",
    "limit_ms",
    "parse_since",
    "percentile",
    "ratio",
    "read_baseline",
    "summarise",
    "write_baseline",
]

ERROR_RATE_LIMIT: Final = 0.05
"""``--check`` fails when the error rate is above this share of all calls."""
P95_LIMIT: Final = 1.30
"""``--check`` fails when a p95 is above this multiple of its baseline."""
FAILURES: Final = ("template_bug", "environment_error", "internal_error")
"""The outcomes the error rate counts."""
DEFECTS: Final = ("template_bug", "internal_error")
"""The outcomes that count as a v2 defect (an environment error is the machine's)."""
REMOVAL_ADOPTION: Final = 0.95
"""v1 may be removed once v2 carries this share of calls ..."""
REMOVAL_MONTHS: Final = 3
"""... with no v2 defect, for this many consecutive months."""
BASELINE_FILE: Final = "baseline.json"
"""In the log's folder: the p95 figures ``--baseline`` recorded."""

Key = tuple[str | None, str | None]
"""A duration row's and a baseline's key: (type, pipeline), ``None`` where unknown."""


@dataclass(frozen=True)
class DurationRow:
    """The successful calls of one type on one pipeline: count, p50 and p95 in ms."""

    artifact_type: str | None
    pipeline: str | None
    calls: int
    p50_ms: float
    p95_ms: float

    def as_json(self) -> dict[str, object]:
        """``{"type", "pipeline", "calls", "p50_ms", "p95_ms"}``."""
        return {
            "type": self.artifact_type,
            "pipeline": self.pipeline,
            "calls": self.calls,
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
        }

    @property
    def key(self) -> "Key":
        """``(type, pipeline)``, as baselines are keyed."""
        return self.artifact_type, self.pipeline


def adoption(v2_calls: int, piped_calls: int) -> float | None:
    """v2 calls / calls on a known pipeline; ``None`` when there are none.

    The one definition of v2 adoption, overall and per month: a call whose pipeline could
    not be chosen (a refused ``PYDANTIC_SCAFFOLDING_ENABLED`` value) is on neither.
    """
    return v2_calls / piped_calls if piped_calls else None


@dataclass(frozen=True)
class MonthRow:
    """One calendar month (``YYYY-MM``, UTC): calls (on a known pipeline), v2 calls, defects."""

    month: str
    calls: int
    piped_calls: int
    v2_calls: int
    v2_defects: int

    @property
    def v2_adoption(self) -> float | None:
        """``adoption`` over the month's calls."""
        return adoption(self.v2_calls, self.piped_calls)

    @property
    def meets_removal_criteria(self) -> bool:
        """v2 adoption at least ``REMOVAL_ADOPTION`` and no v2 defect."""
        share = self.v2_adoption
        return share is not None and share >= REMOVAL_ADOPTION and self.v2_defects == 0

    def as_json(self) -> dict[str, object]:
        """``{"month", "calls", "v2_calls", "v2_adoption", "v2_defects", "meets_..."}``."""
        share = self.v2_adoption
        return {
            "month": self.month,
            "calls": self.calls,
            "v2_calls": self.v2_calls,
            "v2_adoption": None if share is None else round(share, 4),
            "v2_defects": self.v2_defects,
            "meets_removal_criteria": self.meets_removal_criteria,
        }


@dataclass(frozen=True)
class Summary:
    """Every figure ``scaffold stats`` shows, over the events read (``summarise``)."""

    since: datetime | None
    events: int
    skipped_lines: int
    outcomes: Mapping[str, int]
    user_input: Mapping[str, int]
    schema_issue: Mapping[str, int]
    durations: tuple[DurationRow, ...]
    v2_calls: int
    piped_calls: int
    months: tuple[MonthRow, ...]

    def rate(self, outcomes: Iterable[str]) -> float:
        """The share of all events whose outcome is one of ``outcomes`` (0 when none)."""
        count = sum(self.outcomes.get(outcome, 0) for outcome in outcomes)
        return count / self.events if self.events else 0.0

    @property
    def error_rate(self) -> float:
        """Calls failed by no fault of the input (``FAILURES``) / all calls."""
        return self.rate(FAILURES)

    @property
    def v2_adoption(self) -> float | None:
        """``adoption`` over every call."""
        return adoption(self.v2_calls, self.piped_calls)

    @property
    def months_meeting_removal_criteria(self) -> int:
        """Consecutive months, up to the latest logged, that meet the v1 removal criteria."""
        count = 0
        expected: str | None = None
        for row in reversed(self.months):
            if (expected is not None and row.month != expected) or not row.meets_removal_criteria:
                break
            count += 1
            expected = _previous_month(row.month)
        return count

    def as_json(self, baseline: Mapping[Key, float] | None = None) -> dict[str, object]:
        """The ``scaffold stats --json`` document (docs/schemas/stats.schema.json).

        Each duration row carries ``baseline_p95_ms``, its p95 in ``baseline`` or ``null``.
        """
        recorded = baseline or {}
        adoption = self.v2_adoption
        return {
            "since": None if self.since is None else iso(self.since),
            "events": self.events,
            "skipped_lines": self.skipped_lines,
            "outcomes": {outcome: self.outcomes.get(outcome, 0) for outcome in OUTCOMES},
            "success_rate": round(self.rate(["ok"]), 4),
            "error_rate": round(self.error_rate, 4),
            "user_error_rate": round(self.rate(["user_error"]), 4),
            "errors_by_category": {
                "user_input": dict(self.user_input),
                "schema_issue": dict(self.schema_issue),
            },
            "durations": [
                row.as_json() | {"baseline_p95_ms": recorded.get(row.key)}
                for row in self.durations
            ],
            "v2_adoption": None if adoption is None else round(adoption, 4),
            "months": [row.as_json() for row in self.months],
            "months_meeting_removal_criteria": self.months_meeting_removal_criteria,
        }


def summarise(
    events: Sequence[Event], *, skipped_lines: int = 0, since: datetime | None = None
) -> Summary:
    """The figures over ``events`` at or after ``since`` (``None``: every event).

    ``since`` is in UTC (``parse_since``), as event times are (``Event``).
    ``skipped_lines`` (torn or foreign lines of the log) is carried through as read.
    """
    chosen = [event for event in events if since is None or event.time >= since]
    outcomes = Counter(event.outcome for event in chosen)
    user_input: Counter[str] = Counter()
    schema_issue: Counter[str] = Counter()
    timings: defaultdict[Key, list[float]] = defaultdict(list)
    months: defaultdict[str, list[Event]] = defaultdict(list)
    for event in chosen:
        if event.outcome == "user_error":
            user_input.update(event.categories)
        elif event.outcome == "template_bug":
            schema_issue.update(event.categories)
        elif event.outcome == "ok":
            timings[event.artifact_type, event.pipeline].append(event.duration_ms)
        months[event.time.strftime("%Y-%m")].append(event)  # UTC (Event)
    durations = tuple(
        DurationRow(key[0], key[1], len(values), percentile(values, 0.5), percentile(values, 0.95))
        for key, values in sorted(timings.items(), key=lambda item: _sortable(item[0]))
    )
    return Summary(
        since=since,
        events=len(chosen),
        skipped_lines=skipped_lines,
        outcomes=dict(outcomes),
        user_input=dict(sorted(user_input.items())),
        schema_issue=dict(sorted(schema_issue.items())),
        durations=durations,
        v2_calls=sum(event.pipeline == "v2" for event in chosen),
        piped_calls=sum(event.pipeline is not None for event in chosen),
        months=tuple(_month(month, rows) for month, rows in sorted(months.items())),
    )


def _month(month: str, events: Sequence[Event]) -> MonthRow:
    on_v2 = [event for event in events if event.pipeline == "v2"]
    defects = sum(event.outcome in DEFECTS for event in on_v2)
    piped = sum(event.pipeline is not None for event in events)
    return MonthRow(month, len(events), piped, len(on_v2), defects)


def _previous_month(month: str) -> str:
    year, number = map(int, month.split("-"))
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def _sortable(key: Key) -> tuple[str, str]:
    return key[0] or "", key[1] or ""


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of non-empty ``values`` (``fraction`` in (0, 1]), in ms.

    The value at rank ``ceil(fraction * n)`` of the sorted values, rounded to 0.001: a
    figure that was measured, never interpolated.
    """
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return round(ordered[rank - 1], 3)


def parse_since(text: str) -> datetime:
    """``--since`` in UTC: an ISO date (midnight UTC) or datetime (UTC unless it says).

    Raises ``BadOption`` naming the value otherwise, or when it is beyond UTC's range
    (``0001-01-01T00:00+01:00``).
    """
    try:
        moment = datetime.fromisoformat(text)  # a date alone is its midnight
        return utc_time(moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC))
    except ValueError:
        raise BadOption(
            f"--since {text!r} is not an ISO date or date and time within years 1 to 9999"
            " in UTC (e.g. 2026-11-01, 2026-11-01T09:30, 2026-11-01T09:30:00+01:00)"
        ) from None


def read_baseline(log: EventLog) -> dict[Key, float]:
    """The p95 (ms) ``write_baseline`` recorded per (type, pipeline); empty when none.

    Read as strictly as it is written: one object with ``recorded`` (a time), ``since`` (a
    time or null) and ``rows``, each row ``type`` (text or null), ``pipeline`` (``v1``,
    ``v2`` or null), ``calls`` (an integer from 1), ``p50_ms`` and ``p95_ms`` (durations,
    ``check_duration``; the p95 above 0 and not below the p50), no row's key twice, no
    ``NaN`` or ``Infinity``. Anything else is reported with ``BadOption`` (exit 2, naming
    the file): record it again with ``scaffold stats --baseline``.
    """
    path = log.folder / BASELINE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise _not_a_baseline(path, type(error).__name__) from None
    try:
        return _baseline_rows(json.loads(text, parse_constant=_no_constant))
    except RecursionError:
        raise _not_a_baseline(path, "nested too deep") from None
    except ValueError as error:
        raise _not_a_baseline(path, str(error)) from None


def _baseline_rows(document: object) -> dict[Key, float]:
    """The p95 per key of a baseline document (``read_baseline``); ``ValueError`` why not."""
    if not isinstance(document, dict) or set(document) != {"recorded", "since", "rows"}:
        raise ValueError("not the keys recorded, since, rows")
    for key in ("recorded", "since"):
        if document[key] is not None or key == "recorded":
            _baseline_time(document[key], key)
    rows = document["rows"]
    if not isinstance(rows, list):
        raise ValueError("rows: not a list")  # noqa: TRY004 -- one error for every defect
    found: dict[Key, float] = {}
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or set(row) != set(_ROW_KEYS):
            raise ValueError(f"row {number}: not the keys {', '.join(_ROW_KEYS)}")
        kind, pipeline, calls = row["type"], row["pipeline"], row["calls"]
        if kind is not None and not isinstance(kind, str):
            raise ValueError(f"row {number}: type")
        if pipeline is not None and pipeline not in PIPELINES:
            raise ValueError(f"row {number}: pipeline")
        if isinstance(calls, bool) or not isinstance(calls, int) or calls < 1:
            raise ValueError(f"row {number}: calls")
        p50, p95 = check_duration(row["p50_ms"]), check_duration(row["p95_ms"])
        if p95 <= 0 or p50 > p95:
            raise ValueError(f"row {number}: p95_ms")
        if (kind, pipeline) in found:
            raise ValueError(f"row {number}: {kind} on {pipeline} twice")
        found[kind, pipeline] = p95
    return found


_ROW_KEYS: Final = ("type", "pipeline", "calls", "p50_ms", "p95_ms")


def _baseline_time(value: object, key: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{key}: not a time")  # noqa: TRY004
    try:
        utc_time(datetime.fromisoformat(value))
    except ValueError:
        raise ValueError(f"{key}: not a time") from None


def _no_constant(name: str) -> object:
    raise ValueError(name)


def _not_a_baseline(path: Path, reason: str) -> BadOption:
    return BadOption(
        f"{path} is not a baseline ({reason}): record it again with 'scaffold stats --baseline'"
    )


def write_baseline(log: EventLog, summary: Summary, now: datetime) -> Path:
    """Record ``summary``'s p95 figures as the baseline, atomically; return its path.

    ``{"recorded": ISO time, "since": ISO time | null, "rows": [{"type", "pipeline",
    "calls", "p50_ms", "p95_ms"}]}`` (a p95 of 0 is left out: no ratio to it). Raises
    ``OSError`` when it cannot be written (``UnsafeLog`` through a symbolic link).
    """
    document = {
        "recorded": iso(now),
        "since": None if summary.since is None else iso(summary.since),
        "rows": [row.as_json() for row in summary.durations if row.p95_ms > 0],
    }
    folder = safe_folder(log)
    target = folder / BASELINE_FILE
    handle, temporary = tempfile.mkstemp(prefix=".baseline.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, indent=2, allow_nan=False)
            stream.write("\n")
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def check(summary: Summary, baseline: Mapping[Key, float]) -> list[str]:
    """What exceeds a threshold, one sentence each; empty when everything is within.

    The error rate above ``ERROR_RATE_LIMIT``; each type and pipeline with a baseline whose
    p95 is above ``P95_LIMIT`` times it. Rows without a baseline are not checked.
    """
    failures = []
    if summary.events and summary.error_rate > ERROR_RATE_LIMIT:
        counts = ", ".join(
            f"{outcome} {summary.outcomes[outcome]}"
            for outcome in FAILURES
            if summary.outcomes.get(outcome)
        )
        failures.append(
            f"error rate {summary.error_rate:.1%} is above {ERROR_RATE_LIMIT:.0%}"
            f" ({counts} of {summary.events} calls)"
        )
    for row in summary.durations:
        before = baseline.get(row.key)
        if before and above_limit(row.p95_ms, before):
            failures.append(
                f"{row.artifact_type} on {row.pipeline}: p95 {row.p95_ms:.3f} ms is"
                f" {ratio(row.p95_ms, before)} the baseline {before:.3f} ms, above the limit"
                f" {P95_LIMIT:.2f}x = {limit_ms(before)} ms"
            )
    return failures


def above_limit(p95: float, before: float) -> bool:
    """Whether ``p95`` is above ``P95_LIMIT`` times its baseline ``before`` (above 0)."""
    return p95 > P95_LIMIT * before


def ratio(p95: float, before: float) -> str:
    """``p95 / before`` as ``1.3001x``, to 4 decimals rounded away from ``P95_LIMIT``.

    Up when above it (``above_limit``), else down: a ratio above the limit never reads as
    the limit, and one within it never reads as above.
    """
    scaled = p95 / before * 10_000
    rounded = math.ceil(scaled) if above_limit(p95, before) else math.floor(scaled)
    return f"{rounded / 10_000:.4f}x"


def limit_ms(before: float) -> str:
    """``P95_LIMIT`` times ``before``, in ms to 3 decimals, rounded down.

    A p95 (itself to 3 decimals) above the limit so always reads as above it.
    """
    return f"{math.floor(P95_LIMIT * before * 1000) / 1000:.3f}"


def iso(moment: datetime) -> str:
    """``moment`` in UTC with ``Z``: how text and JSON show a time.

    ``2026-11-01T00:00:00Z``, with microseconds when it has any.
    """
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
