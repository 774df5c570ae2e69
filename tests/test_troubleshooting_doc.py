"""Every error quoted in docs/troubleshooting.md is what the command prints today."""

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.installed import SCAFFOLD

DOC = Path(__file__).resolve().parents[1] / "docs" / "troubleshooting.md"
# A section's console block; a section without one (its example a ``text`` block) is skipped.
BLOCK = re.compile(
    r"^## (?P<title>[^\n]+)\n(?:(?!^## ).)*?```console\n(?P<body>.*?)```", re.DOTALL | re.MULTILINE
)
BROKEN_CONTEXT = '{"name": "Order", "fields": [}\n'


def sessions() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each section's title and its (command, expected output) pairs."""
    found = []
    for match in BLOCK.finditer(DOC.read_text()):
        pairs = []
        for chunk in match["body"].split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output.rstrip("\n")))
        found.append((match["title"], pairs))
    return found


def test_the_document_has_the_common_errors():
    assert len(sessions()) >= 10


@pytest.mark.parametrize(("title", "pairs"), sessions(), ids=[t for t, _ in sessions()])
def test_quoted_output_is_current(tmp_path, title, pairs):
    (tmp_path / "order.json").write_text(BROKEN_CONTEXT)
    for command, expected in pairs:
        words = shlex.split(command)
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        env.pop("PYDANTIC_SCAFFOLDING_ENABLED", None)
        env.pop("SCAFFOLD_V1_WARNING", None)  # a real run: v1 warns, as users see it
        while "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        if words[0] != "scaffold":
            # A step that prepares the project (``printf ... > c.json``, ``mkdir``), run by bash.
            result = subprocess.run(
                ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
            )
            assert (result.stdout + result.stderr).rstrip("\n") == expected, command
            continue
        result = subprocess.run(
            [SCAFFOLD, *words[1:]], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert (result.stdout + result.stderr).rstrip("\n") == expected, command
        if expected.startswith("error: "):
            assert result.returncode == 2
