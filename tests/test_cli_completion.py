"""Shell completion: the scripts, the answers to a TAB, and nothing paid by a normal run."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_core.cli.completion import field_names, type_ids
from tests.installed import SCAFFOLD, run

BIN = str(Path(SCAFFOLD).parent)


def _complete(line: str, cwd: Path, tmp_path: Path) -> list[str]:
    """What ``scaffold`` answers to a TAB at the end of ``line``, as a shell asks it."""
    answer = tmp_path / "answer"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
    }
    done = subprocess.run([SCAFFOLD], cwd=cwd, env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    return [word.strip() for word in answer.read_text().split("\013") if word.strip()]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("scaffold ne", ["new"]),
        ("scaffold val", ["validate-architecture"]),
        ("scaffold new wor", ["worker"]),
        ("scaffold schema d", ["design", "dto"]),
        ("scaffold new worker -s use", ["use_async="]),
        ("scaffold new dto --set fr", ["frozen="]),
        ("scaffold new worker --dry", ["--dry-run"]),
        ("scaffold new worker --pipeline ", ["v1", "v2"]),
        ("scaffold completion f", ["fish"]),
        ("scaffold new nope -s x", []),
    ],
)
def test_a_tab_completes_commands_types_fields_and_choices(project, tmp_path, line, expected):
    assert _complete(line, project, tmp_path) == expected


def test_every_field_of_the_type_on_the_line_is_offered(project, tmp_path):
    offered = _complete("scaffold new worker -s ", project, tmp_path)
    assert offered == [f"{name}=" for name in field_names("worker")]
    assert {"name=", "layer=", "capabilities="} <= set(offered)


def test_types_come_from_the_installed_entry_points():
    assert {"dto", "worker", "commit"} <= set(type_ids())
    assert field_names("nope") == []


def test_bash_completes_through_the_sourced_script(project):
    script = (
        "source <(scaffold completion bash)\n"
        'COMP_LINE="scaffold new worker -s na"; COMP_POINT=${#COMP_LINE}\n'
        "COMP_WORDS=(scaffold new worker -s na); COMP_CWORD=4; COMP_TYPE=9\n"
        "_python_argcomplete scaffold na -s\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": os.pathsep.join([BIN, os.environ.get("PATH", "")])}
    done = subprocess.run(
        ["bash", "-c", script], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, "name=\n"), done.stderr


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "_python_argcomplete"), ("zsh", "#compdef scaffold"), ("fish", "complete")],
)
def test_each_shell_gets_a_script_it_can_read(project, shell, marker):
    done = run("completion", shell, cwd=project)
    assert done.returncode == 0
    assert marker in done.stdout
    assert "scaffold" in done.stdout
    if shutil.which(shell) is None:
        return  # the shell is not installed here: its syntax is not checked
    check = ["fish", "--no-execute"] if shell == "fish" else [shell, "-n"]
    parsed = subprocess.run(
        [*check, "/dev/stdin"], input=done.stdout, capture_output=True, text=True, check=False
    )
    assert parsed.returncode == 0, parsed.stderr


def test_a_normal_run_never_imports_argcomplete(tmp_path):
    script = (
        "import sys\n"
        "from scaffold_core.cli import main\n"
        "code = main(['new', 'worker', '-s', 'name=A', '-s', 'layer=x',"
        f" '-C', {str(tmp_path)!r}])\n"
        "print(code, 'argcomplete' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr
