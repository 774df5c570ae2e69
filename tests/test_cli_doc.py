"""docs/cli.md names every command and option the parser has, each in its command's section."""

import argparse
import re
from pathlib import Path

import pytest

from scaffold_core.cli.parser import build_parser

DOC = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
PARSER = build_parser()
COMMANDS: dict[str, argparse.ArgumentParser] = next(
    action.choices for action in PARSER._actions if isinstance(action, argparse._SubParsersAction)
)
EVERY_COMMAND = {"-h", "--help", "-q", "--quiet", "-v", "--verbose"}
"""Documented once, under "Options for every command"."""


def _section(heading: str) -> str:
    """The text from ``## heading...`` to the next ``## `` heading."""
    match = re.search(rf"^## {re.escape(heading)}.*?(?=^## |\Z)", DOC, re.M | re.S)
    assert match, f"docs/cli.md has no section '## {heading}'"
    return match.group(0)


def _named(section: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", section) is not None


def test_the_options_of_every_command_are_documented_once():
    section = _section("Options for every command")
    for action in PARSER._actions:
        for option in action.option_strings:
            assert _named(section, f"`{option}"), option


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_each_command_is_in_its_section(name):
    section = _section(f"`scaffold {name}")
    for action in COMMANDS[name]._actions:
        if not action.option_strings:
            assert _named(section, str(action.metavar)), f"{name}: {action.metavar}"
        for option in set(action.option_strings) - EVERY_COMMAND:
            assert _named(section, option), f"{name}: {option}"
        for choice in action.choices or ():
            assert _named(section, str(choice)), f"{name}: {choice}"


def test_each_command_that_takes_json_is_listed_as_one():
    listed = _section("Which commands take `--json`")
    for name, command in COMMANDS.items():
        takes = any("--json" in action.option_strings for action in command._actions)
        assert takes == _named(listed.split(".")[0], f"`{name}`"), name
