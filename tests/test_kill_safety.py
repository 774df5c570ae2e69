"""A recipe is all or nothing even when its process is killed (SIGKILL) or interrupted (Ctrl-C).

Each trial runs a real ``scaffold new --recipe`` of many artifacts and kills it while it
writes: as soon as its journal or its first file appears, or a random few milliseconds
later. Then the next scaffold in that project (an ``ArtifactManager``, as every command that
writes starts one) must leave every file of the recipe or none, and no temporary file.
"""

import json
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scaffold_core import ArtifactManager
from tests.installed import SCAFFOLD

ARTIFACTS, TRIALS, SEED = 60, 16, 20260110
RECIPE = {
    "artifacts": [
        {
            "type": "dto",
            "context": {"name": f"Order{n}", "fields": [{"name": "total", "type": "int"}]},
            "output": f"src/orders{n % 4}/order{n}.py",
        }
        for n in range(ARTIFACTS)
    ]
}

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def files_of(project: Path) -> tuple[list[str], list[str]]:
    """The generated files, and every hidden entry (journal, temporary file) left over.

    A generated file's provenance record is written in the same all-or-nothing write: the
    records must name exactly the generated files (``.scaffold`` itself is not left over).
    """
    paths = sorted(project.rglob("*"))
    generated = [p.relative_to(project).as_posix() for p in paths if p.suffix == ".py"]
    records = project / ".scaffold" / "records"
    recorded = sorted(
        p.relative_to(records).as_posix().removesuffix(".json")
        for p in paths
        if p.is_file() and p.is_relative_to(records)
    )
    assert recorded == generated, (recorded, generated)
    hidden = [
        p.relative_to(project).as_posix()
        for p in paths
        if p.name.startswith(".") and p != project / ".scaffold"
    ]
    return generated, hidden


SLOWED = (
    "import os, sys, time\n"
    "link = os.link\n"
    "def slow_link(*arguments, **options):\n"
    "    time.sleep(0.002)\n"
    "    return link(*arguments, **options)\n"
    "os.link = slow_link\n"
    "from scaffold_core.cli import main\n"
    "sys.exit(main())\n"
)
"""``scaffold`` whose file links take 2 ms more, so that the window between the first and
the last file of the recipe is wide enough for a kill to land in it on any machine."""


def start(project: Path, recipe: Path, *, slowed: bool) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", SLOWED] if slowed else [SCAFFOLD]
    return subprocess.Popen(
        [*command, "new", "--recipe", str(recipe)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_writing(project: Path, process: subprocess.Popen[str], *, first_file: bool) -> None:
    """Poll until the recipe's journal (or its first file) appears, or the process ends.

    The first file is polled by name (one ``stat``), so that the kill lands between the
    first and the last file put in place, the window a journal exists for.
    """
    first = project / RECIPE["artifacts"][0]["output"]
    while process.poll() is None:
        if first_file:
            if first.exists():
                return
        elif any(path.name.startswith(".scaffold-journal.") for path in project.iterdir()):
            return


@pytest.fixture
def recipe(tmp_path: Path) -> Path:
    path = tmp_path / "recipe.json"
    path.write_text(json.dumps(RECIPE))
    return path


def test_sigkill_at_random_moments_leaves_all_or_nothing(tmp_path, recipe, capsys):
    rng = random.Random(SEED)
    expected = sorted(step["output"] for step in RECIPE["artifacts"])
    outcomes = {"none": 0, "all": 0, "undone after the first file": 0}
    for trial in range(TRIALS):
        project = tmp_path / f"p{trial}"
        (project / "src").mkdir(parents=True)
        # Even trials: real timing, killed as the journal appears or up to 20 ms later.
        # Odd trials: slowed links, killed up to 100 ms after the first file is in place.
        slowed = trial % 2 == 1
        process = start(project, recipe, slowed=slowed)
        wait_for_writing(project, process, first_file=slowed)
        time.sleep(rng.uniform(0, 0.1 if slowed else 0.02))
        process.send_signal(signal.SIGKILL)
        process.communicate()

        ArtifactManager(project)  # the next scaffold run in the project recovers
        messages = capsys.readouterr().err.splitlines()
        generated, hidden = files_of(project)
        assert (generated, hidden) in [([], []), (expected, [])], (trial, messages)
        assert list((project / "src").iterdir()) == [] or generated, trial
        assert len(messages) <= 1, trial
        outcomes["all" if generated else "none"] += 1
        outcomes["undone after the first file"] += any(
            "rolled back" in message and " 0 new file(s) removed" not in message
            for message in messages
        )
    # Kills fell between the first and the last file (else the test proves little).
    assert outcomes["undone after the first file"] >= TRIALS // 4, outcomes


BATCH = (
    "import sys\n"
    "from scaffold_core import ArtifactManager\n"
    "manager = ArtifactManager(sys.argv[1])\n"
    "with manager.batch():\n"
    "    for n in range(100_000):\n"
    "        context = {'name': f'Order{n}', 'fields': [{'name': 'total', 'type': 'int'}]}\n"
    "        manager.scaffold('dto', context, output_path=f'src/o{n % 4}/order{n}.py')\n"
)
"""Scaffolds DTOs one by one in a ``batch()`` block (shared journals) until it is killed."""


def test_a_batch_killed_at_random_moments_keeps_every_finished_file_with_its_record(
    tmp_path, capsys
):
    rng = random.Random(SEED)
    for trial in range(TRIALS // 2):
        project = tmp_path / f"p{trial}"
        project.mkdir()
        process = subprocess.Popen([sys.executable, "-c", BATCH, str(project)])
        while process.poll() is None and not (project / "src/o3/order3.py").exists():
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.communicate()

        ArtifactManager(project)  # the next scaffold run in the project recovers
        messages = capsys.readouterr().err.splitlines()
        generated, hidden = files_of(project)  # every file has its record, and no other
        assert hidden == [], (trial, messages)
        assert len(messages) <= 1, (trial, messages)
        # Each call is its own write: those that finished are all kept, in order.
        numbers = sorted(int(Path(path).stem.removeprefix("order")) for path in generated)
        assert numbers == list(range(len(numbers))), trial
        assert len(numbers) >= 4, trial


IDLE_BATCH = (
    "import os, signal, sys\n"
    "from scaffold_core import ArtifactManager\n"
    "manager = ArtifactManager(sys.argv[1])\n"
    "FIELDS = [{'name': 'total', 'type': 'int'}]\n"
    "with manager.batch():\n"
    "    manager.scaffold('dto', {'name': 'Order', 'fields': FIELDS}, output_path='order.py')\n"
    "    os.kill(os.getpid(), signal.SIGKILL)\n"
)
"""Killed between two calls of a ``batch()`` block: its idle journal is left, empty."""


def test_a_batch_killed_between_calls_is_recovered_without_a_word(tmp_path, capsys):
    process = subprocess.run([sys.executable, "-c", IDLE_BATCH, str(tmp_path)], check=False)
    assert process.returncode == -signal.SIGKILL
    (journal,) = tmp_path.glob(".scaffold-journal.*")
    assert journal.read_bytes() == b""

    ArtifactManager(tmp_path)
    assert capsys.readouterr().err == ""
    assert files_of(tmp_path) == (["order.py"], [])


def test_rerunning_after_a_kill_reports_the_rollback_and_writes_everything(tmp_path, recipe):
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    process = start(project, recipe, slowed=False)
    wait_for_writing(project, process, first_file=False)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    rerun = subprocess.run(
        [SCAFFOLD, "new", "--recipe", str(recipe)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    # Killed before its journal's first byte (nothing to say), before it was complete
    # (nothing else done yet), or after.
    line = rerun.stderr.strip()
    assert line == "" or re.fullmatch(
        r"scaffold: (removed the unreadable journal \.scaffold-journal\.\w+\.json of an"
        r" interrupted write|rolled back an interrupted write \(\.scaffold-journal\.\w+\.json\):"
        r" \d+ new file\(s\) removed, 0 restored; run the command again)",
        line,
    ), line
    assert files_of(project) == (sorted(step["output"] for step in RECIPE["artifacts"]), [])


def test_ctrl_c_is_one_line_exit_130_and_nothing_partial(tmp_path, recipe):
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    process = start(project, recipe, slowed=True)
    wait_for_writing(project, process, first_file=True)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate()
    generated, hidden = files_of(project)
    assert hidden == []
    if len(generated) == ARTIFACTS:  # the signal came after the last file, or at exit
        assert process.returncode in (0, 130, -signal.SIGINT)
    else:
        assert (process.returncode, errors, generated) == (130, "interrupted\n", [])
