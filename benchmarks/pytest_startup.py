"""What the ``pytest11`` entry of scaffold-core costs every pytest run in its environment.

Two measurements, both medians of repeated runs:

* whole ``pytest`` processes over a one-test suite in a throwaway folder, with the plugin
  and without it, interleaved round-robin: as installed (auto-loaded, or blocked with
  ``-p no:scaffold``), and with ``PYTEST_DISABLE_PLUGIN_AUTOLOAD=1`` and an explicit
  ``-p scaffold_core.pytest_plugin`` against ``-p`` of an empty module (``-p`` itself costs
  a scan of the installed entry points), which leaves out the other installed plugins
  (hypothesis takes about a second) and so the noise they bring;
* ``python -X importtime``: what importing ``scaffold_core.pytest_plugin`` adds once pytest
  itself is imported (the cumulative time of every module first imported after pytest).
"""

import subprocess
import sys
from pathlib import Path

from benchmarks.stats import Timing

__all__ = ["PAIRS", "plugin_import", "pytest_commands", "pytest_suite"]

WITHOUT = "pytest, one test, -p no:scaffold"
WITH = "pytest, one test, scaffold plugin"
ALONE = "  autoload off, -p (an empty module)"
ALONE_WITH = "  autoload off, -p (the plugin)"
PAIRS = ((WITHOUT, WITH), (ALONE, ALONE_WITH))
IMPORT = "import scaffold_core.pytest_plugin"
ONE_TEST = "def test_nothing():\n    assert True\n"


def pytest_suite(work: Path) -> Path:
    """A one-test suite, an empty ``pytest.ini`` (no config above it) and an empty plugin."""
    suite = work / "pytest-suite"
    suite.mkdir()
    (suite / "pytest.ini").write_text("[pytest]\n")
    (suite / "test_one.py").write_text(ONE_TEST)
    (suite / "empty_plugin.py").write_text('"""The control for -p (the plugin)."""\n')
    return suite


def pytest_commands(env: dict[str, str]) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The suite run with and without the plugin, as installed and with autoload disabled."""
    base = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_one.py"]
    # pytest rewrites a -p plugin's asserts; it keeps the result only where bytecode is written
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    alone = env | {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return {
        WITHOUT: ([*base, "-p", "no:scaffold"], env),
        WITH: (base, env),
        ALONE: ([*base, "-p", "empty_plugin"], alone),
        ALONE_WITH: ([*base, "-p", "scaffold_core.pytest_plugin"], alone),
    }


def plugin_import(runs: int, env: dict[str, str]) -> Timing:
    """Seconds that importing the plugin module adds to an interpreter that has pytest."""
    code = "import pytest\nimport scaffold_core.pytest_plugin"
    samples = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], env=env, capture_output=True,
            text=True, check=True,
        )  # fmt: skip
        samples.append(added_after_pytest(result.stderr))
    return Timing(IMPORT, tuple(samples))


def added_after_pytest(importtime: str) -> float:
    """Seconds of the top-level imports that follow ``pytest`` in ``-X importtime`` output."""
    total, after = 0, False
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|", 2)
        if not cumulative.strip().isdigit() or name.startswith("   "):
            continue  # the header, or a module imported by another one
        if after:
            total += int(cumulative)
        after = after or name.strip() == "pytest"
    return total / 1_000_000
