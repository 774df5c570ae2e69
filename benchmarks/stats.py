"""Timing statistics: medians and tail percentiles of repeated measurements."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Timing", "percentile"]


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (0..1) of ``samples``, by the nearest-rank method."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass(frozen=True)
class Timing:
    """Seconds taken by repeated runs of one thing."""

    name: str
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        """The median run."""
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """The 95th percentile run."""
        return percentile(self.samples, 0.95)

    @property
    def p99(self) -> float:
        """The 99th percentile run."""
        return percentile(self.samples, 0.99)
