"""``scaffold stats``: the project's event log summarised, its thresholds checked."""

import argparse
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TextIO

from scaffold_core.cli.output import write_json
from scaffold_core.enrich.project_settings import find_project_root
from scaffold_core.errors import ScaffoldError
from scaffold_core.operations.events import OUTCOMES, EventLog, read_events
from scaffold_core.operations.recording import EVENTS_VARIABLE
from scaffold_core.operations.stats import (
    ERROR_RATE_LIMIT,
    P95_LIMIT,
    REMOVAL_MONTHS,
    Key,
    Summary,
    above_limit,
    check,
    iso,
    parse_since,
    ratio,
    read_baseline,
    summarise,
    write_baseline,
)
from scaffold_core.text_table import table

__all__ = ["show_stats"]


def show_stats(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold stats [--since DATE] [--json] [--baseline | --check]``.

    Exit 1 with ``--check`` when the error rate is above 5 % or a p95 is more than 1.3
    times its baseline, else 0 (no events: 0, and says so); 2 for a bad ``--since`` or a
    baseline file that is not one. ``--baseline`` records the p95 figures shown.
    """
    log = EventLog(arguments.project_root or find_project_root())
    since = None if arguments.since is None else parse_since(arguments.since)
    try:
        read = read_events(log)
    except OSError as error:
        raise ScaffoldError(f"cannot read the event log in {log.folder}: {error}") from None
    summary = summarise(read.events, skipped_lines=read.skipped, since=since)
    # --baseline replaces the file: one that is not a baseline is no reason to refuse.
    baseline = {} if arguments.baseline else read_baseline(log)
    failures = check(summary, baseline) if arguments.check else []
    notes = []
    if arguments.baseline:
        if summary.durations:
            try:
                path = write_baseline(log, summary, datetime.now(UTC))
            except OSError as error:
                raise ScaffoldError(
                    f"cannot record the baseline in {log.folder}: {error}"
                ) from None
            baseline = {row.key: row.p95_ms for row in summary.durations}
            notes.append(f"baseline recorded: {len(summary.durations)} p95 figures in {path}")
        else:
            notes.append("no successful call logged: no baseline recorded")
    if arguments.json:
        document = summary.as_json(baseline)
        document["check"] = {"ok": not failures, "failures": failures} if arguments.check else None
        json.dumps(document, allow_nan=False)  # a guard: ValueError rather than a NaN out
        write_json(document, out)
    else:
        out.write(_text(summary, baseline, log))
        notes += [f"check failed: {failure}" for failure in failures]
        if arguments.check and not failures:
            notes.append("check passed" if summary.events else "nothing to check")
        out.writelines(f"{note}\n" for note in notes)
    return 1 if failures else 0


def _text(summary: Summary, baseline: Mapping[Key, float], log: EventLog) -> str:
    """The summary as a few lines and two tables."""
    since = "" if summary.since is None else f" since {iso(summary.since)}"
    skipped = summary.skipped_lines
    torn = f" ({skipped} torn or unreadable line{'s' * (skipped != 1)} skipped)" if skipped else ""
    if not summary.events:
        if skipped:  # the log is on: its lines could not be read
            hint = f"{torn}: {log.folder} holds lines of another kind (edited, cut short)"
        elif summary.since is None:
            hint = f" (turn the log on with [tool.scaffold] events = true or {EVENTS_VARIABLE}=1)"
        else:
            hint = ""
        return f"no events logged in {log.folder}{since}{hint}\n"
    lines = [
        f"events: {summary.events}{since}{torn}",
        (
            f"success rate: {summary.rate(['ok']):.1%}"
            f"   error rate: {summary.error_rate:.1%} (limit {ERROR_RATE_LIMIT:.0%})"
            f"   user errors: {summary.rate(['user_error']):.1%}"
        ),
        "outcomes: " + ", ".join(f"{o} {summary.outcomes.get(o, 0)}" for o in OUTCOMES),
        "user input errors: " + _counts(summary.user_input),
        "schema issues (the plugin's fault): " + _counts(summary.schema_issue),
        "v2 adoption: "
        + _share(summary.v2_adoption)
        + f" ({summary.v2_calls} of {summary.piped_calls} calls)",
        (
            f"months meeting the v1 removal criteria: {summary.months_meeting_removal_criteria}"
            f" of {REMOVAL_MONTHS}"
        ),
        "",
    ]
    rows = [
        {
            "type": row.artifact_type or "-",
            "pipeline": row.pipeline or "-",
            "calls": row.calls,
            "p50 ms": f"{row.p50_ms:.1f}",
            "p95 ms": f"{row.p95_ms:.1f}",
            "baseline p95": _baseline(baseline.get(row.key), row.p95_ms),
        }
        for row in summary.durations
    ]
    columns = ("type", "pipeline", "calls", "p50 ms", "p95 ms", "baseline p95")
    months = [
        {
            "month": row.month,
            "calls": row.calls,
            "v2 adoption": _share(row.v2_adoption),
            "v2 defects": row.v2_defects,
        }
        for row in summary.months
    ]
    durations = table(columns, rows) if rows else "no successful call logged\n"
    return "\n".join(lines) + durations + "\n" + table(tuple(months[0]), months)


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items()) or "none"


def _share(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.1%}"


def _baseline(before: float | None, p95: float) -> str:
    """``10.0 (1.3100x, above 1.30x)``, ``-`` when there is no baseline."""
    if not before:
        return "-"
    above = f", above {P95_LIMIT:.2f}x" if above_limit(p95, before) else ""
    return f"{before:.1f} ({ratio(p95, before)}{above})"
