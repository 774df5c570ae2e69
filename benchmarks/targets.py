"""The issue-14 target table: every target, its figure from this run, and whether it is met.

Read from the figures ``benchmarks.run`` gathered in the same run (its JSON), so the table
and the rows above it never disagree.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import cast

from benchmarks.memory import MEMORY_ROW

__all__ = ["TARGETS", "Target", "summary"]

Figures = Mapping[str, object]

NEW_FLOOR, NEW_COOKIECUTTER = 1.25, 0.65
LIST_FLOOR = 1.1
PYTEST_MS = 5.0
RENDER_MEDIAN, RENDER_P95 = 1.2, 1.3
BATCH_PER_SECOND = 5000
STATUS_SECONDS = 1.0
MCP_P95_MS = 5.0
MEMORY_FLOOR = 1.2


@dataclass(frozen=True)
class Target:
    """One row: what is measured, the target as stated, and how to read and judge it."""

    what: str
    stated: str
    measure: Callable[[Figures], tuple[str, bool]]


def _median(figures: Figures, name: str) -> float:
    return float(_row(figures, name)["median"])


def _row(figures: Figures, name: str) -> Mapping[str, float]:
    return cast("Mapping[str, float]", figures[name])


def _cold_new(figures: Figures) -> tuple[str, bool]:
    new, floor = _median(figures, "scaffold new worker"), _median(figures, "import floor")
    text = f"{new / floor:.2f}x floor"
    met = new / floor <= NEW_FLOOR
    if "cookiecutter (one file)" in figures:
        versus = new / _median(figures, "cookiecutter (one file)")
        text += f", {versus:.2f}x cookiecutter"
        met = met and versus <= NEW_COOKIECUTTER
    return text, met


def _list(figures: Figures) -> tuple[str, bool]:
    ratio = _median(figures, "scaffold list (20+ plugins)") / _median(figures, "import floor")
    return f"{ratio:.2f}x floor", ratio <= LIST_FLOOR


def _pytest(figures: Figures) -> tuple[str, bool]:
    added = _median(figures, "import scaffold_core.pytest_plugin") * 1000
    wall = float(str(figures["pytest plugin overhead, pytest, one test, scaffold plugin"])) * 1000
    return (
        f"{added:.1f} ms import after pytest; whole run {wall:+.1f} ms (noise)",
        added <= PYTEST_MS,
    )


def _render(figures: Figures) -> tuple[str, bool]:
    ratios = cast("Mapping[str, Mapping[str, float]]", figures["render v2/v1"])
    met = [t for t, r in ratios.items() if r["median"] <= RENDER_MEDIAN and r["p95"] <= RENDER_P95]
    worst_median = max(r["median"] for r in ratios.values())
    worst_p95 = max(r["p95"] for r in ratios.values())
    text = (
        f"{len(met)}/{len(ratios)} types; worst median {worst_median:.2f}x, p95 {worst_p95:.2f}x"
    )
    return text, len(met) == len(ratios)


def _batch(figures: Figures) -> tuple[str, bool]:
    per_call = float(str(figures["batch_per_second"]))
    batched = float(str(figures["batch_api_per_second"]))
    text = f"{per_call:,.0f}/s per call, {batched:,.0f}/s in batch()"
    return text, max(per_call, batched) >= BATCH_PER_SECOND


def _status(figures: Figures) -> tuple[str, bool]:
    seconds = float(_row(figures, "status")["command"])
    return f"{seconds:.3f} s the whole command", seconds <= STATUS_SECONDS


def _mcp(figures: Figures) -> tuple[str, bool]:
    p95 = {
        name: float(_row(figures, f"mcp {name}")["p95"]) * 1000
        for name in ("validate worker", "scaffold worker, dry run")
    }
    text = ", ".join(f"{name} {value:.1f} ms" for name, value in p95.items())
    return f"p95 {text}", max(p95.values()) <= MCP_P95_MS


def _memory(figures: Figures) -> tuple[str, bool]:
    ratio = float(_row(figures, MEMORY_ROW)["ratio"])
    return f"{ratio:.2f}x the floor's peak RSS", ratio <= MEMORY_FLOOR


TARGETS = (
    Target(
        "cold scaffold new worker",
        f"<= {NEW_FLOOR}x floor, <= {NEW_COOKIECUTTER}x cookiecutter",
        _cold_new,
    ),
    Target("scaffold list (20+ plugins)", f"<= {LIST_FLOOR}x floor", _list),
    Target("pytest start-up, scaffold-core installed", f"<= {PYTEST_MS:g} ms more", _pytest),
    Target(
        "v2 / v1 render, every type", f"median <= {RENDER_MEDIAN}x, p95 <= {RENDER_P95}x", _render
    ),
    Target("one process, dtos validated+rendered+written", f">= {BATCH_PER_SECOND:,}/s", _batch),
    Target("scaffold status, 1,000 recorded artifacts", f"<= {STATUS_SECONDS:g} s", _status),
    Target("MCP call after the first", f"p95 <= {MCP_P95_MS:g} ms", _mcp),
    Target("memory, cold scaffold new", f"<= {MEMORY_FLOOR}x floor peak RSS", _memory),
)


def summary(figures: Figures) -> list[str]:
    """The target table as printed lines: what, target, this run's figure, met or not."""
    lines = [f"{'target (issue 14)':<46} {'stated':<38} {'met':<4} this run", "-" * 120]
    for target in TARGETS:
        text, met = target.measure(figures)
        lines.append(f"{target.what:<46} {target.stated:<38} {'yes' if met else 'NO':<4} {text}")
    return lines
