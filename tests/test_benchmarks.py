"""The benchmark runner's smoke mode: every measurement still runs (the figures are not
checked here; timing assertions do not belong in a test suite)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_smoke_runs_every_measurement(tmp_path):
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--smoke", "--json", str(figures)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for row in (
        "import floor",
        "scaffold new worker ",
        "scaffold list",
        "scaffold new worker, 200 plugins",
        "memory, cold scaffold new worker",
        "plugins imported by new worker           scaffold_artifact_worker\n",
        "pytest, one test, -p no:scaffold",
        "pytest, one test, scaffold plugin",
        "autoload off, -p (the plugin)",
        "import scaffold_core.pytest_plugin",
        "render v2/v1 (in process, all examples)",
        "batch: 50 artifacts",
        "status: 51 recorded files",
        "update: 51 recorded files (all current)",
        "mcp per call (stdio, after the first)",
        "  validate worker",
        "  scaffold worker, dry run",
        "large input: scaffold new dto --context",
        "dto, 2,000 fields",
        "concurrency (10 threads, 4 processes): 71/71 files complete, 0 problems",
    ):
        assert row in result.stdout
    assert figures.read_text().startswith("{")
