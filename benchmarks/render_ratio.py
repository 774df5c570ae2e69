"""v2 / v1 render time per artifact type, in process, as the plan defines it.

    python -m benchmarks.render_ratio [ROUNDS]   # the table alone (default 200 rounds)

v1 is the legacy template's render; v2 is validation, enrichment and render of the
schema-first template. Both go through ``ArtifactManager.render`` (the same path checks,
output transforms and checks, and header), with the same output path and a fixed clock.
Every example of every installed type with a legacy template is rendered; within a round
each example is rendered by v2 then v1, back to back, so that machine noise hits both
alike, after one untimed round that compiles the templates. A type's samples are all its
examples' renderings, so its median and p95 cover every example.
"""

import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from benchmarks.stats import Timing
from scaffold_core import ArtifactManager, ArtifactRegistry, ArtifactType

__all__ = ["MEDIAN_TARGET", "P95_TARGET", "RenderRatio", "render_ratios", "table"]

MEDIAN_TARGET: Final = 1.2
"""The plan's criterion: v2's median render at most 1.2 times v1's, for every type."""

P95_TARGET: Final = 1.3
"""The plan's criterion: v2's p95 render at most 1.3 times v1's, for every type."""

FIXED: Final = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class RenderRatio:
    """One artifact type's renderings: seconds per rendering of each pipeline."""

    artifact_id: str
    kind: str
    examples: int
    v2: Timing
    v1: Timing

    @property
    def median_ratio(self) -> float:
        """v2's median over v1's."""
        return self.v2.median / self.v1.median

    @property
    def p95_ratio(self) -> float:
        """v2's p95 over v1's."""
        return self.v2.p95 / self.v1.p95

    @property
    def met(self) -> bool:
        """Whether both of the plan's criteria hold."""
        return self.median_ratio <= MEDIAN_TARGET and self.p95_ratio <= P95_TARGET


def render_ratios(rounds: int, work: Path) -> list[RenderRatio]:
    """Each installed type with a legacy template, timed over ``rounds`` of all its examples.

    ``work`` is the project root (an existing folder; nothing is written). Raises what
    ``ArtifactManager.render`` raises, should an example not render.
    """
    manager = ArtifactManager(work, clock=lambda: FIXED)
    rows = []
    for outcome in ArtifactRegistry().inspect_all():
        if not isinstance(outcome, ArtifactType) or not outcome.legacy_template_name:
            continue
        examples = outcome.examples()
        path = f"bench.{outcome.extension}" if outcome.kind == "persistent" else None
        samples: dict[str, list[float]] = {"v2": [], "v1": []}
        for example in examples:  # untimed: compiles the templates and fills the caches
            for pipeline in ("v2", "v1"):
                _time(manager, outcome, example, path, pipeline)
        for _ in range(rounds):
            for example in examples:
                for pipeline in ("v2", "v1"):
                    samples[pipeline].append(_time(manager, outcome, example, path, pipeline))
        rows.append(
            RenderRatio(
                outcome.artifact_id,
                outcome.kind,
                len(examples),
                Timing("v2", tuple(samples["v2"])),
                Timing("v1", tuple(samples["v1"])),
            )
        )
    return rows


def _time(
    manager: ArtifactManager,
    artifact: ArtifactType,
    example: dict[str, Any],
    path: str | None,
    pipeline: str,
) -> float:
    started = time.perf_counter()
    manager.render(artifact.artifact_id, example, output_path=path, pipeline=pipeline)
    return time.perf_counter() - started


def table(rows: Sequence[RenderRatio]) -> list[str]:
    """The report's lines: one per type, then how many types meet the target."""
    heading = f"{'render v2/v1 (in process, all examples)':<40} {'v2 med':>9} {'v1 med':>9}"
    target = f"target: median <= {MEDIAN_TARGET}x, p95 <= {P95_TARGET}x"
    lines = [f"{heading} {'ratio':>7} {'p95 ratio':>9}  {target}"]
    lines += [
        f"{row.artifact_id:<40} {_ms(row.v2.median)} {_ms(row.v1.median)}"
        f" {row.median_ratio:7.2f} {row.p95_ratio:9.2f}  {'met' if row.met else 'NOT MET'}"
        for row in rows
    ]
    met = sum(row.met for row in rows)
    lines.append(f"{'':<40} target met for {met} of {len(rows)} types")
    return lines


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.3f}ms"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table for ``ROUNDS`` rounds (the first argument, default 200)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    rounds = int(arguments[0]) if arguments else 200
    with tempfile.TemporaryDirectory(prefix="scaffold-render-") as work:
        print("\n".join(table(render_ratios(rounds, Path(work)))))  # noqa: T201 -- the report
    return 0


if __name__ == "__main__":
    sys.exit(main())
