"""Colour on a terminal only, honouring NO_COLOR and FORCE_COLOR; never in a pipe."""

import io
import os
import pty
import subprocess

import pytest

from scaffold_core.cli.colour import (
    STATE_STYLES,
    colour_diff,
    colour_first_column,
    paint,
    wants_colour,
)
from scaffold_core.text_table import table
from tests.installed import SCAFFOLD, run

RED_ERROR = "\033[1;31merror:\033[0m"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("environment", "terminal", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"TERM": "dumb"}, True, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # set but empty: not an opt-out (no-color.org)
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "0"}, True, True),
        ({"FORCE_COLOR": "0"}, False, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ],
)
def test_who_gets_colour(monkeypatch, environment, terminal, expected):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    stream = _Terminal() if terminal else io.StringIO()
    assert wants_colour(stream) is expected


def test_a_state_is_coloured_and_the_columns_stay_aligned():
    rows: list[dict[str, object]] = [
        {"state": "outdated+modified", "path": "a.py", "type": "dto"},
        {"state": "current", "path": "b.py", "type": "dto"},
        {"state": "unrecorded", "path": "c.py", "type": "-"},
    ]
    plain = table(("state", "path", "type"), rows)
    coloured = colour_first_column(plain, STATE_STYLES, _Terminal())
    assert "\033[33moutdated+modified\033[0m  a.py" in coloured
    assert "\033[32mcurrent\033[0m" in coloured
    assert "unrecorded" in coloured
    assert "\033[" not in coloured.splitlines()[3]  # no style: plain
    assert coloured.replace("\033[33m", "").replace("\033[32m", "").replace("\033[0m", "") == plain
    assert colour_first_column(plain, STATE_STYLES, io.StringIO()) == plain


def test_a_diff_is_coloured_by_line():
    diff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n"
    coloured = colour_diff(diff, _Terminal())
    assert coloured.splitlines() == [
        "--- a/x",
        "+++ b/x",
        "\033[36m@@ -1 +1 @@\033[0m",
        "\033[31m-old\033[0m",
        "\033[32m+new\033[0m",
        " same",
    ]
    assert paint("x", "red", io.StringIO()) == "x"


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    return {**env, "TERM": "xterm", **extra}


def test_error_is_red_on_a_terminal_and_plain_in_a_pipe(project):
    leader, follower = pty.openpty()
    try:
        subprocess.run(
            [SCAFFOLD, "new", "nope"], cwd=project, stderr=follower, env=_environment(),
            check=False,
        )  # fmt: skip
        on_terminal = os.read(leader, 4096).decode()
    finally:
        os.close(leader)
        os.close(follower)
    assert on_terminal.startswith(RED_ERROR)
    piped = subprocess.run(
        [SCAFFOLD, "new", "nope"], cwd=project, capture_output=True, text=True,
        env=_environment(), check=False,
    )  # fmt: skip
    assert piped.stderr.startswith("error: unknown artifact type 'nope'")


def test_force_color_and_no_color_through_the_command(project, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert run("new", "nope", cwd=project).stderr.startswith(RED_ERROR)
    monkeypatch.setenv("NO_COLOR", "1")
    assert run("new", "nope", cwd=project).stderr.startswith("error: ")
