"""``make bench``: every performance target of scaffold, measured side by side in one run.

    python -m benchmarks.run            # the full run (a few minutes)
    python -m benchmarks.run --smoke    # a few repetitions of each, for the test suite

Commands are timed as whole processes, interleaved round-robin so that machine noise hits
every candidate alike; in-process work is timed with ``perf_counter``. The table gives
medians, p95, p99 and the ratio each target is stated in.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.batch import dto
from benchmarks.batch import measure as measure_batch
from benchmarks.batch import rows as batch_rows
from benchmarks.large_input import time_large_dto
from benchmarks.mcp_calls import time_tool_calls
from benchmarks.memory import MEMORY_ROW, memory_row
from benchmarks.pytest_startup import PAIRS, plugin_import, pytest_commands, pytest_suite
from benchmarks.render_ratio import render_ratios
from benchmarks.render_ratio import table as render_table
from benchmarks.stats import Timing
from benchmarks.synthetic import write_synthetic_plugins
from benchmarks.targets import summary
from scaffold_core import ArtifactManager, ArtifactRegistry
from scaffold_core.status import project_status
from scaffold_core.update import plan_update

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FLOOR = [sys.executable, "-c", "from pydantic import BaseModel; import jinja2, pluggy"]
NEW_WORKER = ["new", "worker", "-s", "name=OrderWorker", "-s", "layer=platform", "--dry-run"]
LIST = "scaffold list (20+ plugins)"
TARGETS = {
    "scaffold new worker": "target <= 1.25x floor, <= 0.65x cookiecutter",
    LIST: "target <= 1.1x floor",
    "scaffold new worker, 200 plugins": "target <= 1.1x with 20",
}
"""Each cold-start row's target, printed beside its ratio."""


def clean_environment(extra_path: Path | None = None) -> dict[str, str]:
    """The environment for timed processes: no PYTHONPATH but ``extra_path``."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COVERAGE_PROCESS_START")
    }
    if extra_path is not None:
        env["PYTHONPATH"] = str(extra_path)
    return env


def time_commands(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, cwd: Path
) -> dict[str, Timing]:
    """Run every command ``runs`` times, round-robin; the wall time of each run."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=True)
            samples[name].append(time.perf_counter() - started)
    return {name: Timing(name, tuple(values)) for name, values in samples.items()}


def cold_start(runs: int, work: Path, site: Path) -> dict[str, Timing]:
    """Import floor, cold ``scaffold new``/``list``, cookiecutter, and 200 plugins vs 20."""
    scaffold = str(BIN / "scaffold")
    env = clean_environment()
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "import floor": (FLOOR, env),
        "scaffold new worker": ([scaffold, *NEW_WORKER], env),
        LIST: ([scaffold, "list"], env),
        "scaffold new worker, 200 plugins": ([scaffold, *NEW_WORKER], clean_environment(site)),
    }
    cookiecutter = BIN / "cookiecutter"
    if cookiecutter.exists():
        template = str(ROOT / "benchmarks" / "cookiecutter-worker")
        argv = [str(cookiecutter), "--no-input", "-f", "-o", str(work / "cc"), template]
        commands["cookiecutter (one file)"] = (argv, env)
    return time_commands(commands, runs, work)


def plugins_imported(work: Path) -> list[str]:
    """The artifact plugin modules a ``scaffold new worker`` process imports."""
    code = (
        "import sys\nfrom scaffold_core.cli import main\n"
        f"main({NEW_WORKER!r})\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('scaffold_artifact_'))\n"
        "print('\\n' + ' '.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=work, env=clean_environment(), capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1].split()


def status_timings(runs: int, work: Path) -> tuple[Timing, Timing, int]:
    """``scaffold status`` over the batch's recorded files: the whole command, in process.

    Runs after ``measure_batch``, whose project then holds one record per DTO written. Returns
    both timings and the number of files.
    """
    return _lifecycle_timings("status", lambda manager: len(project_status(manager)), runs, work)


def update_timings(runs: int, work: Path) -> tuple[Timing, Timing, int]:
    """``scaffold update`` over the batch's recorded files: the whole command, in process.

    Every file is current: each is rendered again and compared, nothing is written.
    Returns both timings and the number of files planned.
    """
    return _lifecycle_timings(
        "update", lambda manager: len(plan_update(manager).files), runs, work
    )


def _lifecycle_timings(
    command_name: str, in_process: Callable[[ArtifactManager], int], runs: int, work: Path
) -> tuple[Timing, Timing, int]:
    """``scaffold COMMAND -C batch`` timed whole, then ``in_process`` (it counts the files)."""
    project = work / "batch"
    argv = [str(BIN / "scaffold"), command_name, "-C", str(project)]
    command = time_commands({command_name: (argv, clean_environment())}, runs, project)
    manager = ArtifactManager(project)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        files = in_process(manager)
        samples.append(time.perf_counter() - started)
    return command[command_name], Timing("in process", tuple(samples)), files


def concurrency(work: Path, threads: int, processes: int, each: int) -> tuple[int, int, list[str]]:
    """Threads and processes scaffolding into one project; (expected, found, problems)."""
    project = work / "shared"
    project.mkdir()
    manager = ArtifactManager(project)
    failures: list[str] = []

    def thread_job(worker: int) -> None:
        for number in range(each):
            try:
                manager.scaffold("dto", dto(number), output_path=f"t{worker}/d{number}.py")
                manager.scaffold("dto", dto(number), output_path="contended.py", force=True)
            except Exception as error:  # noqa: BLE001 -- any failure is a finding
                failures.append(f"thread {worker}: {error!r}")

    pool = [threading.Thread(target=thread_job, args=(n,)) for n in range(threads)]
    with ProcessPoolExecutor(processes) as executor:
        futures = [executor.submit(process_job, str(project), n, each) for n in range(processes)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        failures += [problem for future in futures for problem in future.result()]
    files = list(project.rglob("*.py"))
    failures += [f"{p}: not a complete module" for p in files if not _complete(p)]
    return (threads + processes) * each + 1, len(files), failures


def process_job(project: str, worker: int, each: int) -> list[str]:
    """One process's share of the concurrency scenario (runs in a child process)."""
    manager = ArtifactManager(project)
    problems = []
    for number in range(each):
        try:
            manager.scaffold("dto", dto(number), output_path=f"p{worker}/d{number}.py")
            manager.scaffold("dto", dto(number), output_path="contended.py", force=True)
        except Exception as error:  # noqa: BLE001 -- any failure is a finding
            problems.append(f"process {worker}: {error!r}")
    return problems


def _complete(path: Path) -> bool:
    text = path.read_text()
    return text.startswith("# scaffold: ") and text.endswith("\n") and "class Order" in text


def report(lines: list[str], *, as_json: dict[str, object] | None, out: Path | None) -> None:
    """Print the table; keep the JSON next to it when asked."""
    print("\n".join(lines))  # noqa: T201 -- the report is the benchmark's output
    if out is not None and as_json is not None:
        out.write_text(json.dumps(as_json, indent=2))


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement and print one table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a few repetitions only")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args(argv)
    # The v2/v1 rows render on v1 in this process: its deprecation line is not a finding.
    os.environ.setdefault("SCAFFOLD_V1_WARNING", "0")
    runs, rounds, count = (3, 5, 50) if arguments.smoke else (21, 200, 1000)
    work = Path(tempfile.mkdtemp(prefix="scaffold-bench-"))
    try:
        return _run(work, runs, rounds, count, arguments.json, smoke=arguments.smoke)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(work: Path, runs: int, rounds: int, count: int, out: Path | None, *, smoke: bool) -> int:
    # As installed from wheels: every module compiled once, as pip does at install time.
    sources = [str(ROOT / name) for name in ("scaffold_core", "scaffold_schemas", "plugins")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *sources], check=True)
    site = work / "site"
    installed = len(ArtifactRegistry().ids())
    write_synthetic_plugins(site, 200 - installed)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(site)], check=True)
    cold = cold_start(runs, work, site)
    floor = cold["import floor"].median
    lines = [f"{'measurement':<40} {'median':>9} {'p95':>9} {'p99':>9}  ratio", "-" * 78]
    figures: dict[str, object] = {}
    for name, timing in cold.items():
        ratio = _ratio_text(name, timing.median, floor, cold)
        lines.append(
            f"{name:<40} {_ms(timing.median)} {_ms(timing.p95)} {_ms(timing.p99)}  {ratio}"
        )
        figures[name] = {"median": timing.median, "p95": timing.p95, "p99": timing.p99}
    scaffold_new = [str(BIN / "scaffold"), *NEW_WORKER]
    line, figures[MEMORY_ROW] = memory_row(FLOOR, scaffold_new, clean_environment(), runs, work)
    lines.append(line)
    imported = plugins_imported(work)
    lines.append(f"{'plugins imported by new worker':<40} {', '.join(imported)}")
    lines += ["", *pytest_overhead(runs, work, figures)]
    ratios = render_ratios(rounds, work)
    lines += ["", *render_table(ratios)]
    figures["render v2/v1"] = {
        row.artifact_id: {"median": row.median_ratio, "p95": row.p95_ratio} for row in ratios
    }
    batch = measure_batch(count, work)
    lines += ["", *batch_rows(batch)]
    for name, label, timings in (
        ("status", "recorded files", status_timings),
        ("update", "recorded files (all current)", update_timings),
    ):
        command, in_process, files = timings(runs, work)
        lines.append(
            f"{name}: {files} {label}, median {command.median:.3f} s the whole command,"
            f" {in_process.median:.3f} s in process"
        )
        figures[name] = {
            "files": files,
            "command": command.median,
            "in_process": in_process.median,
        }
    lines += ["", *mcp_latency(20 if smoke else 500, work, figures)]
    sizes = (500, 1000, 2000) if smoke else (25_000, 50_000, 100_000)
    lines += [
        "",
        f"{'large input: scaffold new dto --context':<40} {'median':>9} {'per 1,000':>9}",
    ]
    for size, timing in time_large_dto(sizes, 1 if smoke else 3, work).items():
        per_thousand = timing.median / size * 1000
        lines.append(f"{timing.name:<40} {timing.median:8.2f}s {per_thousand * 1000:7.1f}ms")
        figures[timing.name] = {"median": timing.median, "per_1000_fields": per_thousand}
    expected, found, problems = concurrency(work, 10, 4, 5 if smoke else 20)
    lines.append(
        f"concurrency (10 threads, 4 processes): {found}/{expected} files complete,"
        f" {len(problems)} problems"
    )
    lines += [f"  {problem}" for problem in problems[:10]]
    figures |= {
        "batch_per_second": batch.per_call,
        "batch_api_per_second": batch.batched,
        "plugins_imported": imported,
    }
    lines += ["", *summary(figures)]
    report(lines, as_json=figures, out=out)
    return 1 if problems or found != expected else 0


def pytest_overhead(runs: int, work: Path, figures: dict[str, object]) -> list[str]:
    """The ``pytest11`` entry's start-up cost: a one-test suite with and without it."""
    env = clean_environment()
    timings = time_commands(pytest_commands(env), runs, pytest_suite(work))
    importing = plugin_import(runs, env)
    timings[importing.name] = importing
    ratios = {importing.name: "added after pytest (-X importtime)"}
    for without, with_plugin in PAIRS:
        base, plugged = timings[without].median, timings[with_plugin].median
        ratios[with_plugin] = f"{plugged / base:.2f}x without, {(plugged - base) * 1000:+.1f}ms"
        figures[f"pytest plugin overhead, {with_plugin.strip()}"] = plugged - base
    lines = [
        f"{'pytest start-up (one-test suite)':<40} {'median':>9} {'p95':>9} {'p99':>9}  ratio"
    ]
    for name, timing in timings.items():
        lines.append(
            f"{name:<40} {_ms(timing.median)} {_ms(timing.p95)} {_ms(timing.p99)}"
            f"  {ratios.get(name, '')}"
        )
        figures[name.strip()] = {"median": timing.median, "p95": timing.p95, "p99": timing.p99}
    return lines


def mcp_latency(runs: int, work: Path, figures: dict[str, object]) -> list[str]:
    """``scaffold mcp``: each tool call after the first, over stdio (target: p95 <= 5 ms)."""
    heading = "mcp per call (stdio, after the first)"
    lines = [f"{heading:<40} {'median':>9} {'p95':>9} {'p99':>9}  target"]
    for name, timing in time_tool_calls(runs, work).items():
        lines.append(
            f"{'  ' + name:<40} {_ms(timing.median)} {_ms(timing.p95)} {_ms(timing.p99)}"
            "  p95 <= 5 ms"
        )
        figures[f"mcp {name}"] = {"median": timing.median, "p95": timing.p95, "p99": timing.p99}
    return lines


def _ratio_text(name: str, median: float, floor: float, cold: dict[str, Timing]) -> str:
    parts = [f"{median / floor:.2f}x floor"]
    if name.startswith("scaffold new worker") and "cookiecutter (one file)" in cold:
        parts.append(f"{median / cold['cookiecutter (one file)'].median:.2f}x cookiecutter")
    if name.endswith("200 plugins"):
        parts.append(f"{median / cold['scaffold new worker'].median:.2f}x with 20")
    if name in TARGETS:
        parts.append(f"({TARGETS[name]})")
    return ", ".join(parts)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}ms"


if __name__ == "__main__":
    sys.exit(main())
