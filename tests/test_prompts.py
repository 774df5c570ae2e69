"""``scaffold new`` asks for missing or invalid fields on a terminal, driven through a real pty.

Each test starts the console script with its standard input and error on a pseudo-terminal
(and its standard output on a second one, so that what stdout receives is checked apart from
the questions) and answers what it asks. Waits are generous (a loaded machine) and never
asserted on: a wait that runs out fails with the whole transcript.
"""

import fcntl
import json
import os
import pty
import re
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from scaffold_core import ArtifactRegistry
from scaffold_core.cli.prompts import PromptAborted, ask_missing
from scaffold_core.errors import Problem
from tests.installed import SCAFFOLD

WAIT = 60.0
"""Seconds a test waits for one expected output before it fails (never a measurement)."""


class Terminal:
    """``scaffold ARGS`` with stdin and stderr on one pty and stdout on another."""

    def __init__(self, cwd: Path, *arguments: str) -> None:
        self.master, slave = pty.openpty()
        self.out_master, out_slave = pty.openpty()
        self.process = subprocess.Popen(
            [SCAFFOLD, *arguments],
            cwd=cwd,
            stdin=slave,
            stdout=out_slave,
            stderr=slave,
            env={**os.environ, "TERM": "dumb", "NO_COLOR": "1"},
            start_new_session=True,
            # The pty becomes the controlling terminal, so that Ctrl-C is a SIGINT.
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # noqa: PLW1509
        )
        os.close(slave)
        os.close(out_slave)
        self.transcript = ""
        self.seen = 0
        self.stdout = ""

    def expect(self, pattern: str) -> re.Match[str]:
        """Wait for ``pattern`` (a regex) after what the last ``expect`` matched."""
        deadline = time.monotonic() + WAIT
        while True:
            match = re.compile(pattern).search(self.transcript, self.seen)
            if match:
                self.seen = match.end()
                return match
            if time.monotonic() > deadline or not self._read(self.master):
                pytest.fail(f"never saw {pattern!r}; the terminal showed:\n{self.transcript}")

    def answer(self, text: str) -> None:
        """Type ``text`` and Enter."""
        os.write(self.master, text.encode() + b"\r")

    def press(self, key: bytes) -> None:
        """Type a control key (Ctrl-C, Ctrl-D)."""
        os.write(self.master, key)

    def finish(self) -> int:
        """The exit code, once the process ends; everything it printed is read."""
        deadline = time.monotonic() + WAIT
        while self._read(self.master):
            if time.monotonic() > deadline:
                self.process.kill()
                pytest.fail(f"still running; the terminal showed:\n{self.transcript}")
        while self._read(self.out_master, into_stdout=True):
            pass
        code = self.process.wait(timeout=WAIT)
        os.close(self.master)
        os.close(self.out_master)
        return code

    def _read(self, fd: int, *, into_stdout: bool = False) -> bool:
        """Read what is there (waiting up to a second); False once the other end is closed."""
        if self.process.poll() is not None and not select.select([fd], [], [], 0)[0]:
            return False
        if not select.select([fd], [], [], 1.0)[0]:
            return True
        try:
            data = os.read(fd, 65536).decode(errors="replace").replace("\r\n", "\n")
        except OSError:  # EIO: the process closed the terminal
            return False
        if not data:
            return False
        if into_stdout:
            self.stdout += data
        else:
            self.transcript += data
        return True


def test_fills_a_worker_by_answering_and_reasks_an_invalid_answer(project: Path) -> None:
    terminal = Terminal(project, "new", "worker")
    terminal.expect(r"name: The worker's class name, PascalCase\.\n  e\.g\. \w+\n")
    terminal.expect(r"name: $")
    terminal.answer("order_worker")
    terminal.expect(r"! name: expected a PascalCase class name.*\(given: 'order_worker'\)\n")
    terminal.expect(r"name: $")
    terminal.answer("OrderWorker")
    terminal.expect(r"layer: The architectural layer it belongs to\.\n  e\.g\. \w+\n")
    terminal.answer("platform")

    assert terminal.finish() == 0, terminal.transcript
    written = project / "src/platform/workers/order_worker.py"
    assert "class OrderWorker" in written.read_text()
    # stdout holds the result only; the questions went to the terminal through stderr.
    assert terminal.stdout.strip() == "src/platform/workers/order_worker.py"
    assert "description" not in terminal.transcript  # optional: not asked without --ask-all


def test_a_given_invalid_value_is_shown_and_asked_again(project: Path) -> None:
    terminal = Terminal(project, "new", "worker", "-s", "name=OrderWorker", "-s", "layer=Bad")
    terminal.expect(r"! layer: expected a snake_case name.*\(given: 'Bad'\)\n")
    terminal.expect(r"layer: $")
    terminal.answer("platform")

    assert terminal.finish() == 0, terminal.transcript
    assert "name:" not in terminal.transcript  # a valid field given is not asked
    assert (project / "src/platform/workers/order_worker.py").is_file()


def test_ask_all_asks_optional_fields_lists_item_by_item_and_yes_no(project: Path) -> None:
    terminal = Terminal(
        project, "new", "worker", "-s", "name=OrderWorker", "-s", "layer=platform", "--ask-all"
    )
    terminal.expect(r"description: One line on what the worker does; its docstring\.\n")
    terminal.expect(r"description: $")
    terminal.answer("Turns paid orders into shipments.")
    terminal.expect(r"scope: $")
    terminal.answer("")  # optional, left empty: its default
    terminal.expect(r"responsibilities: .*\n.*\n  one item a line; an empty line ends the list\n")
    terminal.expect(r"responsibilities\.0: $")
    terminal.answer("")
    terminal.expect(r"capabilities\.0: $")
    terminal.answer("reserve_stock")
    terminal.expect(r"capabilities\.1: $")
    terminal.answer("Request Label")
    terminal.expect(r"! capabilities\.1: expected a snake_case name.*\n")
    terminal.expect(r"capabilities\.1: $")
    terminal.answer("request_label")
    terminal.expect(r"capabilities\.2: $")
    terminal.answer("")
    terminal.expect(r"use_async: Generate async methods\.\nuse_async \[y/N\]: $")
    terminal.answer("maybe")
    terminal.expect(r"! answer y or n\nuse_async \[y/N\]: $")
    terminal.answer("y")

    assert terminal.finish() == 0, terminal.transcript
    module = (project / "src/platform/workers/order_worker.py").read_text()
    assert '"""Turns paid orders into shipments."""' in module
    assert "async def reserve_stock(self)" in module
    assert "async def request_label(self)" in module
    assert module.index("reserve_stock(self)") < module.index("request_label(self)")


def test_a_choice_is_picked_from_a_numbered_list(project: Path) -> None:
    terminal = Terminal(project, "new", "commit", "-s", "message=reject an empty cart")
    terminal.expect(r"type: What kind of change this is\.\n  1\) feat\n  2\) fix\n")
    terminal.expect(r"  11\) revert\ntype \[1-11\]: $")
    terminal.answer("12")
    terminal.expect(r"! choose 1 to 11, or type one of the values\ntype \[1-11\]: $")
    terminal.answer("2")

    assert terminal.finish() == 0, terminal.transcript
    assert terminal.stdout.startswith("fix: reject an empty cart\n")


def test_an_answer_only_another_field_can_settle_is_left_for_the_end(project: Path) -> None:
    """A type that needs an import is refused however it is typed: three tries, then on."""
    terminal = Terminal(project, "new", "dto", "-s", "name=Refund", "--dry-run")
    terminal.expect(r"add an item to fields\? \[Y/n\]: $")
    terminal.answer("")
    terminal.expect(r"fields\.0\.name: $")
    terminal.answer("carrier")
    for _ in range(3):
        terminal.expect(r"fields\.0\.type: $")
        terminal.answer("Carrier")
        terminal.expect(r"! fields\.0\.type: 'Carrier' is defined by nothing.*\n")
    terminal.expect(r"3 answers refused; kept as answered, every problem is listed at the end")
    terminal.expect(r"add an item to fields\? \[y/N\]: $")
    terminal.answer("n")

    assert terminal.finish() == 2, terminal.transcript
    assert "fields.0.type: 'Carrier' is defined by nothing" in terminal.transcript.splitlines()[-1]
    assert not any(project.iterdir())


def test_a_list_of_objects_is_asked_item_by_item_field_by_field(project: Path) -> None:
    terminal = Terminal(project, "new", "dto", "-s", "name=Refund", "--dry-run")
    terminal.expect(r"fields: The DTO's fields, in order\.\n  e\.g\. \[.*\n")
    terminal.expect(r"add an item to fields\? \[Y/n\]: $")  # at least one is needed
    terminal.answer("")
    terminal.expect(r"fields\.0\.name: The attribute name, snake_case\.\n.*\nfields\.0\.name: $")
    terminal.answer("amount")
    terminal.expect(r"fields\.0\.type: $")
    terminal.answer("Decimal")
    terminal.expect(r"add an item to fields\? \[y/N\]: $")
    terminal.answer("y")
    terminal.expect(r"fields\.1\.name: $")
    terminal.answer("amount")
    terminal.expect(r"fields\.1\.type: $")
    terminal.answer("str")
    # A rule across items (unique names) is checked once the item is whole: asked again.
    terminal.expect(r"! fields\.1\.name: 'amount' is bound twice.*\n")
    terminal.expect(r"fields\.1\.name: $")
    terminal.answer("reason")
    terminal.expect(r"fields\.1\.type: $")
    terminal.answer("str")
    terminal.expect(r"add an item to fields\? \[y/N\]: $")
    terminal.answer("n")

    assert terminal.finish() == 0, terminal.transcript
    assert "    amount: Decimal\n    reason: str\n" in terminal.stdout
    assert not any(project.iterdir())


def test_no_input_on_a_terminal_never_asks(project: Path) -> None:
    terminal = Terminal(project, "new", "worker", "--no-input")

    assert terminal.finish() == 2
    assert "invalid input for artifact type 'worker' (2 problems)" in terminal.transcript
    assert "name: required field is missing" in terminal.transcript
    assert "layer: required field is missing" in terminal.transcript
    assert "The worker's class name" not in terminal.transcript  # a question's description
    assert not any(project.iterdir())


def test_json_on_a_terminal_never_asks(project: Path) -> None:
    """A program asking for JSON may run scaffold in a pseudo-terminal: it gets the document."""
    terminal = Terminal(project, "new", "worker", "--json")

    assert terminal.finish() == 2
    document = json.loads(terminal.stdout)
    assert [problem["location"] for problem in document["problems"]] == ["name", "layer"]
    assert "The worker's class name" not in terminal.transcript
    assert not any(project.iterdir())


@pytest.mark.parametrize("stdin_is_a_terminal", [False, True])
def test_without_a_terminal_it_never_asks(project: Path, stdin_is_a_terminal: bool) -> None:
    """Pipes everywhere, or a terminal on stdin but stdout piped: exit 2 as always."""
    master, slave = pty.openpty()
    try:
        result = subprocess.run(
            [SCAFFOLD, "new", "worker", "-s", "layer=Bad"],
            cwd=project,
            stdin=slave if stdin_is_a_terminal else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
    finally:
        os.close(master)
        os.close(slave)

    assert result.returncode == 2
    assert result.stdout == ""
    assert "name: required field is missing" in result.stderr
    assert "layer: expected a snake_case name" in result.stderr
    assert "The worker's class name" not in result.stderr  # a question's description
    assert not any(project.iterdir())


def test_end_of_input_while_asking_writes_nothing(project: Path) -> None:
    terminal = Terminal(project, "new", "worker", "-s", "name=OrderWorker")
    terminal.expect(r"layer: $")
    terminal.press(b"\x04")  # Ctrl-D

    assert terminal.finish() == 130
    assert "error: the input ended before 'layer' was answered; nothing written" in (
        terminal.transcript
    )
    assert not any(project.iterdir())


def test_ctrl_c_while_asking_writes_nothing(project: Path) -> None:
    terminal = Terminal(project, "new", "worker")
    terminal.expect(r"name: $")
    terminal.answer("OrderWorker")
    terminal.expect(r"layer: $")
    terminal.press(b"\x03")  # Ctrl-C

    assert terminal.finish() == 130
    assert "interrupted" in terminal.transcript
    assert "Traceback" not in terminal.transcript
    assert not any(project.iterdir())


# In process, for the coverage of prompts.py: the same questions, with sys.stdin on a pty
# (input() reads it as a person's typing: the terminal's line discipline, not a mock).


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch):
    """``typed(*lines)`` queues lines on a pty that is sys.stdin (the questions: capsys)."""
    master, slave = pty.openpty()
    stdin = open(slave, encoding="utf-8")  # noqa: SIM115, PTH123 -- closed below
    monkeypatch.setattr(sys, "stdin", stdin)

    def type_lines(*lines: str) -> None:
        os.write(master, "".join(f"{line}\n" for line in lines).encode())

    yield type_lines
    stdin.close()
    os.close(master)


def test_in_process_ask_all_fills_every_field_of_a_worker(typed, capsys) -> None:
    type_lines = typed
    type_lines("x", "OrderWorker", "platform", "Ships orders.", "", "Do it", "", "a_b", "", "y")

    data, problems = ask_missing(ArtifactRegistry().get("worker"), {}, [], ask_all=True)

    assert data == {
        "name": "OrderWorker",
        "layer": "platform",
        "description": "Ships orders.",
        "responsibilities": ["Do it"],
        "capabilities": ["a_b"],
        "use_async": True,
    }
    assert problems == []
    assert "! name: expected a PascalCase class name" in capsys.readouterr().err


def test_in_process_nested_objects_and_a_choice_by_its_value(typed, capsys) -> None:
    type_lines = typed
    type_lines("", "amount", "Decimal", "n")
    dto, _ = ask_missing(ArtifactRegistry().get("dto"), {"name": "Refund"}, [])
    type_lines("fix")
    commit, _ = ask_missing(ArtifactRegistry().get("commit"), {"message": "do it"}, [])

    assert dto == {"name": "Refund", "fields": [{"name": "amount", "type": "Decimal"}]}
    assert commit == {"message": "do it", "type": "fix"}
    assert "  2) fix\n" in capsys.readouterr().err


def test_in_process_a_field_whose_value_did_not_parse_is_asked(typed) -> None:
    type_lines = typed
    type_lines("no")
    unparsed = Problem("use_async", "'yes'", "a JSON value for this field")
    malformed = Problem("-s", "'oops'", "key=value")
    given = {"name": "OrderWorker", "layer": "platform"}

    data, problems = ask_missing(ArtifactRegistry().get("worker"), given, [unparsed, malformed])

    assert data == {**given, "use_async": False}
    assert problems == [malformed]  # answering settles the one, not the other


def test_in_process_the_input_ending_aborts(typed) -> None:
    type_lines = typed
    type_lines("\x04")

    with pytest.raises(PromptAborted, match="before 'name' was answered") as raised:
        ask_missing(ArtifactRegistry().get("worker"), {}, [])
    assert raised.value.exit_code == 130
