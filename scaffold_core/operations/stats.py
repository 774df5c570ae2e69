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
- v2 adoption: calls on v2 / calls on a known pipeline; per month, with the v2 defects
  (``template_bug`` and ``internal_error`` calls on v2), for the v1 removal criteria.
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
from scaffold_core.operations.events import OUTCOMES, Event, EventLog

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
    "check",
    "parse_since",
    "percentile",
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


@dataclass(frozen=True)
class MonthRow:
    """One calendar month (``YYYY-MM``, UTC): calls, v2 calls and v2 defects."""

    month: str
    calls: int
    v2_calls: int
    v2_defects: int

    @property
    def v2_adoption(self) -> float:
        """v2 calls / calls (0 for a month without calls)."""
        return self.v2_calls / self.calls if self.calls else 0.0

    @property
    def meets_removal_criteria(self) -> bool:
        """v2 adoption at least ``REMOVAL_ADOPTION`` and no v2 defect."""
        return self.v2_adoption >= REMOVAL_ADOPTION and self.v2_defects == 0

    def as_json(self) -> dict[str, object]:
        """``{"month", "calls", "v2_calls", "v2_adoption", "v2_defects", "meets_..."}``."""
        return {
            "month": self.month,
            "calls": self.calls,
            "v2_calls": self.v2_calls,
            "v2_adoption": round(self.v2_adoption, 4),
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
        """v2 calls / calls on a known pipeline; ``None`` when there are none."""
        return self.v2_calls / self.piped_calls if self.piped_calls else None

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
            "since": None if self.since is None else _iso(self.since),
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
    """The figures over ``events`` at or after ``since`` (aware; ``None``: every event).

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
        months[event.time.astimezone(UTC).strftime("%Y-%m")].append(event)
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
    return MonthRow(month, len(events), len(on_v2), defects)


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
    """``--since``: an ISO date (midnight UTC) or datetime (UTC unless it says otherwise).

    Raises ``BadOption`` naming the value otherwise.
    """
    try:
        moment = datetime.fromisoformat(text)  # a date alone is its midnight
    except ValueError:
        raise BadOption(
            f"--since {text!r} is not an ISO date or date and time"
            " (e.g. 2026-11-01, 2026-11-01T09:30, 2026-11-01T09:30:00+01:00)"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def read_baseline(log: EventLog) -> dict[Key, float]:
    """The p95 (ms) ``write_baseline`` recorded per (type, pipeline); empty when none.

    A baseline file that cannot be read as one is reported with ``BadOption`` (exit 2,
    naming the file): record it again with ``scaffold stats --baseline``.
    """
    path = log.folder / BASELINE_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return {(row["type"], row["pipeline"]): float(row["p95_ms"]) for row in document["rows"]}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BadOption(
            f"{path} is not a baseline ({type(error).__name__}): record it again with"
            " 'scaffold stats --baseline'"
        ) from None


def write_baseline(log: EventLog, summary: Summary, now: datetime) -> Path:
    """Record ``summary``'s p95 figures as the baseline, atomically; return its path.

    ``{"recorded": ISO time, "since": ISO time | null, "rows": [{"type", "pipeline",
    "calls", "p50_ms", "p95_ms"}]}``. Raises ``OSError`` when it cannot be written.
    """
    document = {
        "recorded": _iso(now),
        "since": None if summary.since is None else _iso(summary.since),
        "rows": [row.as_json() for row in summary.durations],
    }
    log.folder.mkdir(parents=True, exist_ok=True)
    target = log.folder / BASELINE_FILE
    handle, temporary = tempfile.mkstemp(prefix=".baseline.", dir=log.folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, indent=2)
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
        if before and row.p95_ms > P95_LIMIT * before:
            failures.append(
                f"{row.artifact_type} on {row.pipeline}: p95 {row.p95_ms:.1f} ms is"
                f" {row.p95_ms / before:.2f}x the baseline {before:.1f} ms"
                f" (limit {P95_LIMIT:.2f}x)"
            )
    return failures


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
