"""The README's console examples run as written, in order, in one fresh project.

Every ``$ `` line of a ``console`` block runs in bash with the installed ``scaffold`` first
on ``PATH``; the block that sets scaffold up (``make demo``) is the installation, not an
example, and is skipped. ``$ cat FILE`` shows a file the examples use: the lines after it
are written to FILE first. A command with lines after it must print exactly those lines;
every command must exit 0.
"""

import os
import re
import subprocess
from pathlib import Path

from tests.installed import SCAFFOLD

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"^```console\n(?P<body>.*?)^```", re.DOTALL | re.MULTILINE)


def examples() -> list[tuple[str, str]]:
    """Each (command, the lines shown after it) of every console block but the set-up."""
    steps = []
    for block in BLOCK.finditer(README.read_text(encoding="utf-8")):
        chunks = [chunk.partition("\n") for chunk in block["body"].split("$ ")[1:]]
        if any(command.startswith("make ") for command, _, _ in chunks):
            continue
        steps += [(command, shown) for command, _, shown in chunks]
    return steps


def test_the_readme_shows_the_files_its_examples_read():
    shown = {command.split()[1] for command, _ in examples() if command.startswith("cat ")}
    read = {
        word
        for command, _ in examples()
        for word in re.findall(r"(?:--context|--recipe|--from-legacy) (\S+)", command)
    }
    assert read <= shown, read - shown


def test_the_readme_examples_run_as_written(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.pop("PYDANTIC_SCAFFOLDING_ENABLED", None)
    env["PATH"] = os.pathsep.join([str(Path(SCAFFOLD).parent), env.get("PATH", "")])
    ran = 0
    for command, shown in examples():
        if command.startswith("cat "):
            (tmp_path / command.split()[1]).write_text(shown, encoding="utf-8")
        result = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, (command, result.stderr)
        if shown:
            assert result.stdout == shown, command
        ran += 1
    assert ran >= 20
