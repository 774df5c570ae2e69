"""docs/migration.md's "Migrating a legacy template, step by step", followed as written.

The files the section shows (with a ``title``) are written, and every ``$ scaffold ...``
command of its console blocks is run as a user runs it (the ``scaffold`` command in a
subprocess), in order; where the block shows output, the output must be exactly that. The
one step the section leaves to the user, installing the generated plugin, is done as
``pip install -e`` would do it: the plugin's folder on the path and its entry point in an
installed-looking ``*.dist-info`` (``tests/installed.py``).
"""

import re
import shlex
import tomllib
from pathlib import Path

import pytest

from tests.installed import run, write_distribution

pytestmark = pytest.mark.slow

DOC = Path(__file__).resolve().parents[1] / "docs" / "migration.md"
SECTION = (
    DOC.read_text()
    .split("## Migrating a legacy template, step by step")[1]
    .split("\n## Parity cases and verdicts")[0]
)
TITLED = re.compile(r'```\w+ title="(?P<name>[^"]+)"\n(?P<body>.*?)```', re.DOTALL)
CONSOLE = re.compile(r"^( *)```console\n(?P<body>.*?)^\1```", re.DOTALL | re.MULTILINE)


def commands() -> list[tuple[list[str], str]]:
    """Each ``$ scaffold`` command of the section with the output shown under it."""
    found = []
    for block in CONSOLE.finditer(SECTION):
        lines = block["body"].split("\n")
        indent = len(lines[0]) - len(lines[0].lstrip())
        text = "\n".join(line[indent:] for line in lines).strip("\n")
        command, _, shown = text.partition("\n")
        assert command.startswith("$ scaffold "), command
        found.append((shlex.split(command[2:])[1:], shown + "\n" if shown else ""))
    return found


def test_the_section_shows_the_whole_procedure():
    assert [args[0] for args, _ in commands()] == ["new", "parity", "validate-architecture"]
    assert sorted(name for name, _ in TITLED.findall(SECTION)) == [
        "release_note.md.jinja2",
        "release_note_examples.yaml",
    ]


def test_runbook_followed_as_written(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for match in TITLED.finditer(SECTION):
        (project / match["name"]).write_text(match["body"])
    site = tmp_path / "site"
    site.mkdir()
    for args, shown in commands():
        result = run(*args, cwd=project, site=site)
        assert result.returncode == 0, f"scaffold {args}: {result.stdout}{result.stderr}"
        if shown:
            assert result.stdout == shown, args
        if args[0] == "new":
            # Step 3, "install it": the generated distribution, as pip would record it.
            distribution = next(project.glob("scaffold-artifact-*"))
            metadata = tomllib.loads((distribution / "pyproject.toml").read_text())["project"]
            write_distribution(
                site,
                metadata["name"],
                metadata["version"],
                {"scaffold.artifacts": metadata["entry-points"]["scaffold.artifacts"]},
            )
            package = metadata["name"].replace("-", "_")
            (site / package).symlink_to(distribution / package)
    written = run(
        "new", "release_note", "-s", "title=Release 3.2", "-s", "summary=Done.",
        cwd=project, site=site,
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    note = (project / written.stdout.strip()).read_text()
    assert note.splitlines()[1:] == ["# Release 3.2", "", "Done."]
