"""One large input end to end: ``scaffold new dto`` with tens of thousands of fields.

Validation, rendering and the output checks must grow linearly (or n log n) with the input;
timed at several sizes, the seconds per 1,000 fields should stay flat as the size grows. The
fields mix four types and carry a description, as a generated schema would.
"""

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.stats import Timing

BIN = Path(sys.executable).parent
TYPES = ("int", "str", "list[str]", "float | None")


def large_dto(fields: int) -> dict[str, object]:
    """A dto context with ``fields`` fields, each with a type and a description."""
    return {
        "name": "Large",
        "fields": [
            {"name": f"field_{n}", "type": TYPES[n % 4], "description": f"Field number {n}."}
            for n in range(fields)
        ],
    }


def time_large_dto(sizes: Sequence[int], runs: int, work: Path) -> dict[int, Timing]:
    """Wall seconds of ``scaffold new dto --context`` per size, each run a fresh process."""
    project = work / "large"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "large"\nversion = "0.1.0"\n')
    timings: dict[int, list[float]] = {size: [] for size in sizes}
    for size in sizes:
        (project / f"large_{size}.json").write_text(json.dumps(large_dto(size)))
    for _ in range(runs):
        for size in sizes:
            argv = [str(BIN / "scaffold"), "new", "dto", "--context", f"large_{size}.json"]
            started = time.perf_counter()
            subprocess.run(
                [*argv, "-o", f"large_{size}.py", "--force"],
                cwd=project, capture_output=True, check=True,
            )  # fmt: skip
            timings[size].append(time.perf_counter() - started)
    return {
        size: Timing(f"dto, {size:,} fields", tuple(values)) for size, values in timings.items()
    }
