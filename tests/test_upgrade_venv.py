"""The acceptance test of issue 12 part 5: real git, a real plugin upgrade, status and update.

Wheels of scaffold-core and of a test plugin, ``scaffold-artifact-memo`` 1.0.0
(tests/fixture_plugins/upgrade) and 1.1.0 (made from 1.0.0 here by ``upgrade``: its template
changes one line and adds one, at the end), are installed into one fresh virtual
environment. Projects that are git repositories get memos from 1.0.0, a commit, hand edits
and the upgrade to 1.1.0 (``pip install`` of the newer wheel), then ``scaffold status`` runs
as a user runs it (``scaffold update``: to come).
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.installed import (
    FIXTURE_PLUGINS,
    build_wheels,
    check,
    clean_environment,
    create_venv,
    pip_install,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
MEMO = FIXTURE_PLUGINS / "upgrade" / "scaffold-artifact-memo"

# What 1.1.0 changes, in its template and so in every memo rendered: one line changed, one
# line added after the last, both in the memo's last section.
OLD_LINE = "Keep this memo with the project records.\n"
NEW_LINE = "Keep this memo in the team archive.\n"
LAST_LINE = "Questions go to the author.\n"
ADDED_LINE = "Review it every quarter.\n"

MEMOS = {
    "memos/office-move.md": {
        "subject": "Office move",
        "author": "Ada",
        "summary": "We move to the third floor on Monday.",
    },
    "memos/budget.md": {
        "subject": "Budget review",
        "author": "Grace",
        "summary": "The review is on Friday.",
    },
    "memos/hiring.md": {
        "subject": "Hiring plan",
        "author": "Linus",
        "summary": "We hire two engineers.",
    },
}
EDITED = "memos/budget.md"
UNEDITED = sorted(set(MEMOS) - {EDITED})

# The hand edit of step 2 rewrites the summary, far from the lines 1.1.0 changes.
SUMMARY_LINE = "The review is on Friday.\n"
EDITED_SUMMARY = "The review is on Friday, in room 4 (moved by hand).\n"


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with its one ``old`` replaced by ``new`` (asserted to occur once)."""
    assert text.count(old) == 1, (old, text)
    return text.replace(old, new)


def upgrade(text: str) -> str:
    """What 1.1.0 changes, applied to 1.0.0's template or to a memo it rendered."""
    return replace_once(replace_once(text, OLD_LINE, NEW_LINE), LAST_LINE, LAST_LINE + ADDED_LINE)


def assignments(fields: dict[str, str]) -> list[str]:
    """``-s key=value`` for each field."""
    return [argument for key, value in fields.items() for argument in ("-s", f"{key}={value}")]


@dataclass(frozen=True)
class Installed:
    """The fresh environment: its bin folder, the environment to run in, the memo wheels."""

    bin: Path
    env: dict[str, str]
    memo_wheels: dict[str, Path]

    def use_memo(self, version: str) -> None:
        """``pip install`` the memo plugin at ``version`` (an upgrade or a downgrade)."""
        pip_install(self.bin, [str(self.memo_wheels[version])], self.env)

    def scaffold(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """The environment's own ``scaffold`` command, run in ``cwd``."""
        return subprocess.run(
            [str(self.bin / "scaffold"), *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def git(self, *args: str, cwd: Path) -> str:
        """``git`` in ``cwd``, without the user's or the system's configuration."""
        return check(["git", *args], cwd, self.env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    """scaffold-core and the memo plugin 1.0.0 installed from wheels in a fresh venv."""
    base = tmp_path_factory.mktemp("upgrade-venv")
    newer = base / "scaffold-artifact-memo-1.1.0"
    shutil.copytree(MEMO, newer, ignore=shutil.ignore_patterns("__pycache__"))
    pyproject = newer / "pyproject.toml"
    pyproject.write_text(
        replace_once(pyproject.read_text(), 'version = "1.0.0"', 'version = "1.1.0"')
    )
    template = newer / "scaffold_artifact_memo" / "templates" / "memo.md.jinja2"
    template.write_text(upgrade(template.read_text()))
    env = {
        **clean_environment(),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    # Two calls: one pip call resolves its folders together, and refuses two versions of one.
    build_wheels([ROOT, MEMO], base / "wheelhouse", env)
    wheels = build_wheels([newer], base / "wheelhouse", env)
    memo_wheels = {
        version: next(wheel for wheel in wheels if f"memo-{version}-" in wheel.name)
        for version in ("1.0.0", "1.1.0")
    }
    core = next(wheel for wheel in wheels if wheel.name.startswith("scaffold_core-"))
    bin_folder = create_venv(base / "venv")
    pip_install(bin_folder, [str(core), str(memo_wheels["1.0.0"])], env)
    return Installed(bin_folder, env, memo_wheels)


def committed_project(installed: Installed, root: Path) -> dict[str, str]:
    """Step 1: a git project with the three memos from 1.0.0, committed; their texts."""
    installed.use_memo("1.0.0")
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "0.1.0"\n')
    installed.git("-c", "init.defaultBranch=main", "init", "--quiet", cwd=root)
    for path, fields in MEMOS.items():
        result = installed.scaffold("new", "memo", *assignments(fields), "-o", path, cwd=root)
        assert result.returncode == 0, result.stderr
    installed.git("add", "-A", cwd=root)
    installed.git("commit", "--quiet", "-m", "memos from scaffold-artifact-memo 1.0.0", cwd=root)
    assert installed.git("status", "--porcelain", cwd=root) == ""
    return {path: (root / path).read_text() for path in MEMOS}


def states(installed: Installed, root: Path) -> dict[str, str]:
    """``scaffold status --json``: each file's state by path."""
    result = installed.scaffold("status", "--json", cwd=root)
    assert result.returncode == 0, result.stderr
    return {row["path"]: row["state"] for row in json.loads(result.stdout)}


def test_status_and_update_across_a_plugin_upgrade(installed, tmp_path):
    root = tmp_path / "project"
    written = committed_project(installed, root)
    assert states(installed, root) == dict.fromkeys(MEMOS, "current")

    # Step 2: a hand edit far from what 1.1.0 will change.
    (root / EDITED).write_text(replace_once(written[EDITED], SUMMARY_LINE, EDITED_SUMMARY))
    expected = dict.fromkeys(UNEDITED, "current") | {EDITED: "modified"}
    assert states(installed, root) == expected
    table = installed.scaffold("status", cwd=root)
    assert table.returncode == 0, table.stderr
    rows = {tuple(line.split()[:2]) for line in table.stdout.splitlines()[1:]}
    assert rows == {(state, path) for path, state in expected.items()}
    assert installed.scaffold("status", "--check", cwd=root).returncode == 0

    # Step 3: the upgrade.
    installed.use_memo("1.1.0")
    expected = dict.fromkeys(UNEDITED, "outdated") | {EDITED: "outdated+modified"}
    assert states(installed, root) == expected
    assert installed.scaffold("status", "--check", cwd=root).returncode == 1


def test_two_concurrent_new_processes_are_both_recorded(installed, tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "0.1.0"\n')
    commands = [
        [str(installed.bin / "scaffold"), "new", "memo", *assignments(MEMOS[path]), "-o", path]
        for path in UNEDITED
    ]
    processes = [
        subprocess.Popen(
            command,
            cwd=root,
            env=installed.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    for process in processes:
        stdout, stderr = process.communicate()
        assert process.returncode == 0, stdout + stderr
    for path in UNEDITED:
        assert (root / ".scaffold" / "records" / f"{path}.json").is_file()
    assert states(installed, root) == dict.fromkeys(UNEDITED, "current")
