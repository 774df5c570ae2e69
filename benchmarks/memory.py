"""Peak memory of whole processes: the largest resident set each command's process reached.

``os.wait4`` gives the resource usage of the one child it reaps. A child started from this
(large) process would report this process's own peak: Linux keeps the largest resident set
a process had across ``exec``, and a child made by fork or vfork starts from its parent's.
So each command is started by a small launcher (``python -S``, a few MB), which spawns it,
reaps it with ``os.wait4`` and prints its ``ru_maxrss``. Runs are interleaved round-robin,
as the timings are, and the median is reported.
"""

import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MEMORY_ROW", "MEMORY_TARGET", "Peak", "memory_row", "peak_memory"]

# ``ru_maxrss`` is in kibibytes on Linux, in bytes on macOS.
_UNIT = 1 if sys.platform == "darwin" else 1024


_LAUNCHER = """
import os, sys
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=quiet)
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True)
class Peak:
    """The peak resident set size of each run of one command, in bytes."""

    name: str
    samples: tuple[int, ...]

    @property
    def median(self) -> float:
        """The median peak, in bytes."""
        return statistics.median(self.samples)


def peak_memory(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, cwd: Path
) -> dict[str, Peak]:
    """Run every command ``runs`` times, round-robin; the peak RSS of each run.

    ``commands`` maps a name to ``(argv, environment)``. Raises
    ``subprocess.CalledProcessError`` when a run exits with another code than 0.
    """
    samples: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            launched = subprocess.run(
                [sys.executable, "-S", "-c", _LAUNCHER, *argv],
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            maxrss, code = map(int, launched.stdout.split())
            if code != 0:
                raise subprocess.CalledProcessError(code, argv)
            samples[name].append(maxrss * _UNIT)
    return {name: Peak(name, tuple(values)) for name, values in samples.items()}


MEMORY_ROW = "memory, cold scaffold new worker"
MEMORY_TARGET = 1.2
"""The target: a cold ``scaffold new`` peaks at most this many times the import floor."""


def memory_row(
    floor: list[str], command: list[str], env: dict[str, str], runs: int, cwd: Path
) -> tuple[str, dict[str, float]]:
    """The ``make bench`` row comparing ``command``'s peak RSS to the import floor's.

    Both are run ``runs`` times, interleaved. Returns the printed line and the figures
    (medians in bytes, and their ratio).
    """
    peaks = peak_memory({"floor": (floor, env), "command": (command, env)}, runs, cwd)
    base, used = peaks["floor"].median, peaks["command"].median
    line = (
        f"{MEMORY_ROW:<40} {used / 2**20:7.1f}MB {base / 2**20:7.1f}MB floor"
        f"  {used / base:.2f}x floor (target <= {MEMORY_TARGET}x)"
    )
    return line, {"peak_rss": used, "floor_peak_rss": base, "ratio": used / base}
