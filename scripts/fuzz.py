"""``make fuzz``: the property-based proof of the promise, over every installed artifact type.

For each type, ``FUZZ_EXAMPLES`` contexts (default 1000), drawn from its JSON Schema and by
mutating its examples (``tests/fuzzing.py``), are validated, rendered and checked. Prints a
table per type (tried / valid / rejected / crash / invalid / refused-as-template-bug) with
totals, a shrunk reproducer for each failing kind, and the wall time; exits 1 when any
context crashed, gave invalid output or was refused.

Settings (environment): ``FUZZ_EXAMPLES`` contexts per type; ``FUZZ_SEED`` to repeat a run
(default: a new seed, printed); ``FUZZ_TYPES`` comma-separated type ids (default: all);
``FUZZ_SHRINK_SECONDS`` spent shrinking each failing kind (default 10).
"""

import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tests.fuzzing import (
    FAILURES,
    OUTCOMES,
    Judge,
    TypeReport,
    discovered_types,
    fuzz_type,
    reproducer,
    shrink,
)

HEADINGS = ("type", "tried", *OUTCOMES[:-1], "refused-as-template-bug", "seconds")


def say(text: str = "") -> None:
    """Print one line at once (the run is long: show progress as it goes)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def refuse(message: str) -> NoReturn:
    """Stop with exit code 2: the settings are wrong."""
    sys.stderr.write(f"fuzz: {message}\n")
    raise SystemExit(2)


def setting(name: str, default: int) -> int:
    """A non-negative whole number from the environment; exits 2 naming a bad value."""
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit():
        refuse(f"{name} must be a whole number, got {raw!r}")
    return int(raw)


def table(reports: Sequence[TypeReport]) -> list[str]:
    """The per-type table with a totals row, as aligned text lines."""
    rows = [
        [
            report.artifact.artifact_id,
            str(report.tried),
            *(str(report.counts[outcome]) for outcome in OUTCOMES),
            f"{report.seconds:.1f}",
        ]
        for report in reports
    ]
    rows.append(
        [
            "total",
            str(sum(report.tried for report in reports)),
            *(str(sum(report.counts[outcome] for report in reports)) for outcome in OUTCOMES),
            f"{sum(report.seconds for report in reports):.1f}",
        ]
    )
    widths = [max(len(row[i]) for row in [list(HEADINGS), *rows]) for i in range(len(HEADINGS))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in [list(HEADINGS), *rows]
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(len(lines) - 1, "-" * len(lines[0]))
    return lines


def main() -> int:
    """Fuzz every selected type, print the table and the reproducers; 1 if any failure."""
    started = time.monotonic()
    count = setting("FUZZ_EXAMPLES", 1000)
    seed = setting("FUZZ_SEED", random.randrange(2**32))  # noqa: S311 -- not for secrets
    shrink_seconds = setting("FUZZ_SHRINK_SECONDS", 10)
    wanted = {name.strip() for name in os.environ.get("FUZZ_TYPES", "").split(",") if name}
    artifacts = [a for a in discovered_types() if not wanted or a.artifact_id in wanted]
    unknown = wanted - {artifact.artifact_id for artifact in artifacts}
    if unknown or not artifacts:
        refuse(f"no installed artifact type {', '.join(sorted(unknown)) or 'at all'}")
    say(f"fuzzing {len(artifacts)} types, {count} contexts each, FUZZ_SEED={seed}")
    with tempfile.TemporaryDirectory(prefix="scaffold-fuzz-") as folder:
        judge = Judge(Path(folder))
        reports = []
        for artifact in artifacts:
            report = fuzz_type(judge, artifact, count, seed=seed)
            failed = sum(report.counts[outcome] for outcome in FAILURES)
            say(f"  {artifact.artifact_id}: {report.tried} tried, {failed} failed")
            reports.append(report)
        say()
        for line in table(reports):
            say(line)
        failures = [(report, kind) for report in reports for kind in sorted(report.failures)]
        if failures:
            say(f"\n{len(failures)} failing kinds, each with a shrunk reproducer:\n")
        for report, kind in failures:
            _source, context, _verdict = report.failures[kind]
            smaller, verdict = shrink(
                judge, report.artifact, context, kind, seconds=shrink_seconds
            )
            say(reproducer(report.artifact, smaller, verdict, kind) + "\n")
    tried = sum(report.tried for report in reports)
    say(f"wall time {time.monotonic() - started:.0f} s for {tried} contexts (FUZZ_SEED={seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
