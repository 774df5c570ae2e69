"""The benchmark runner's smoke mode: every measurement still runs (the figures are not
checked here; timing assertions do not belong in a test suite)."""

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.targets import TARGETS
from scaffold_core.pipelines.v1 import DEPRECATION

ROOT = Path(__file__).resolve().parents[1]


def test_bench_smoke_runs_every_measurement(tmp_path):
    figures = tmp_path / "figures.json"
    # The suite silences the v1 warning; the runner must silence it by itself.
    warning_on = {k: v for k, v in os.environ.items() if k != "SCAFFOLD_V1_WARNING"}
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--smoke", "--json", str(figures)],
        cwd=ROOT, capture_output=True, text=True, check=False, env=warning_on,
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
    summary = result.stdout.split("target (issue 14)")[1]
    for target in TARGETS:
        assert f"\n{target.what:<46} {target.stated:<38} " in summary
    assert DEPRECATION not in result.stderr
    assert figures.read_text().startswith("{")
