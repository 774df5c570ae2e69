"""The acceptance test of issue 12 part 5: real git, a real plugin upgrade, status and update.

Wheels of scaffold-core and of a test plugin, ``scaffold-artifact-memo`` 1.0.0
(tests/fixture_plugins/upgrade) and 1.1.0 (made from 1.0.0 here by ``upgrade``: its template
changes one line and adds one, at the end), are installed into one fresh virtual
environment. Projects that are git repositories get memos from 1.0.0, a commit, hand edits
and the upgrade to 1.1.0 (``pip install`` of the newer wheel), then ``scaffold status`` and
``scaffold update`` run as a user runs them: an edit far from the template's change is
merged, an edit of the line it changes is a conflict with both lines kept.
"""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
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

# The hand edit of step 2 rewrites the summary, far from the lines 1.1.0 changes; the one of
# the collision rewrites the very line 1.1.0 changes.
SUMMARY_LINE = "The review is on Friday.\n"
EDITED_SUMMARY = "The review is on Friday, in room 4 (moved by hand).\n"
USER_LINE = "Keep this memo in the legal folder (changed by hand).\n"

UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with its one ``old`` replaced by ``new`` (asserted to occur once)."""
    assert text.count(old) == 1, (old, text)
    return text.replace(old, new)


def upgrade(text: str) -> str:
    """What 1.1.0 changes, applied to 1.0.0's template or to a memo it rendered."""
    return replace_once(replace_once(text, OLD_LINE, NEW_LINE), LAST_LINE, LAST_LINE + ADDED_LINE)


def header(text: str) -> dict[str, str]:
    """The key=value fields of a memo's scaffold header (its first line, a Markdown comment)."""
    first = text.partition("\n")[0]
    opening, closing = "<!-- scaffold: ", " -->"
    assert first.startswith(opening), first
    assert first.endswith(closing), first
    return dict(field.split("=", 1) for field in first[len(opening) : -len(closing)].split())


def body(text: str) -> str:
    """A memo without its header line."""
    return text.partition("\n")[2]


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


def outcomes(output: str) -> dict[str, str]:
    """``scaffold update``'s lines ``<outcome>  <path>``: each memo's outcome by path.

    A line that names no memo (a heading) is skipped; text after the path (a type) too.
    """
    found = {}
    for line in output.splitlines():
        for path in MEMOS:
            outcome, separator, _ = line.partition(f"  {path}")
            if separator:
                found[path] = outcome.strip()
    return found


def project_bytes(root: Path) -> dict[str, bytes]:
    """Every file of the project outside ``.git``, by path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def assert_dry_run_writes_nothing(installed: Installed, root: Path) -> None:
    """``scaffold update --dry-run`` prints each memo's diff; no byte or git state changes."""
    before, git_before = project_bytes(root), installed.git("status", "--porcelain", cwd=root)
    dry = installed.scaffold("update", "--dry-run", cwd=root)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    lines = dry.stdout.splitlines()
    for path in MEMOS:
        assert any(line.startswith("--- ") and path in line for line in lines), dry.stdout
        assert any(line.startswith("+++ ") and path in line for line in lines), dry.stdout
    for line in ("-" + OLD_LINE, "+" + NEW_LINE, "+" + ADDED_LINE):
        assert lines.count(line.rstrip("\n")) == len(MEMOS), dry.stdout
    assert project_bytes(root) == before
    assert installed.git("status", "--porcelain", cwd=root) == git_before


def assert_recorded_update(
    root: Path, path: str, written: str, rendering: str, window: tuple[datetime, datetime]
) -> None:
    """``path``, once written as ``written``, was updated to ``rendering`` within ``window``.

    Its header keeps the template, created time and path, gains ``updated=<UTC time>`` and
    a new version; its record holds the new version, time, plugin version and rendering.
    """
    old, new = header(written), header((root / path).read_text())
    assert "updated" not in old
    kept = ("template", "created", "path")
    assert {key: new[key] for key in kept} == {key: old[key] for key in kept}
    assert new["version"] != old["version"]
    assert UTC_TIME.fullmatch(new["updated"]), new
    updated = datetime.strptime(new["updated"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert window[0] <= updated <= window[1]
    record = json.loads((root / ".scaffold" / "records" / f"{path}.json").read_text())
    assert record["distribution_version"] == "1.1.0"
    assert record["version_hash"] == new["version"]
    assert record["updated"] == new["updated"]
    assert record["content"] == rendering


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

    # Step 4: a dry run shows a diff per file and writes nothing.
    assert_dry_run_writes_nothing(installed, root)

    # Step 5: the update replaces the unedited memos and merges the edited one.
    started = datetime.now(UTC).replace(microsecond=0)
    update = installed.scaffold("update", cwd=root)
    finished = datetime.now(UTC)
    assert update.returncode == 0, update.stdout + update.stderr
    assert outcomes(update.stdout) == dict.fromkeys(UNEDITED, "replaced") | {EDITED: "merged"}
    now = {path: (root / path).read_text() for path in MEMOS}
    for path in UNEDITED:
        assert body(now[path]) == upgrade(body(written[path]))
    assert body(now[EDITED]) == upgrade(
        replace_once(body(written[EDITED]), SUMMARY_LINE, EDITED_SUMMARY)
    )
    for path in MEMOS:
        # The record keeps the new rendering, without the hand edit: the next merge base.
        rendering = now[path]
        if path == EDITED:
            rendering = replace_once(rendering, EDITED_SUMMARY, SUMMARY_LINE)
        assert_recorded_update(root, path, written[path], rendering, (started, finished))
    assert states(installed, root) == dict.fromkeys(UNEDITED, "current") | {EDITED: "modified"}
    assert installed.scaffold("status", "--check", cwd=root).returncode == 0
    changed = installed.git("status", "--porcelain", cwd=root).splitlines()
    assert sorted(changed) == sorted(
        [f" M {path}" for path in MEMOS] + [f" M .scaffold/records/{path}.json" for path in MEMOS]
    )


def test_an_edit_of_the_line_the_template_changes_is_a_conflict(installed, tmp_path):
    root = tmp_path / "project"
    written = committed_project(installed, root)
    (root / EDITED).write_text(replace_once(written[EDITED], OLD_LINE, USER_LINE))
    installed.use_memo("1.1.0")

    update = installed.scaffold("update", cwd=root)

    assert update.returncode == 1, update.stdout + update.stderr
    assert outcomes(update.stdout) == dict.fromkeys(UNEDITED, "replaced") | {EDITED: "conflict"}
    lines = (root / EDITED).read_text().splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("<<<<<<<")]
    middles = [i for i, line in enumerate(lines) if line.rstrip("\n") == "======="]
    ends = [i for i, line in enumerate(lines) if line.startswith(">>>>>>>")]
    assert len(starts) == len(middles) == len(ends) == 1, lines
    (start,), (middle,), (end,) = starts, middles, ends
    assert start < middle < end
    conflict = lines[start:end]
    assert USER_LINE in conflict
    assert NEW_LINE in conflict
    # Nothing else of the user's is lost: the rest of the memo is what they committed.
    assert SUMMARY_LINE in lines
    for path in UNEDITED:
        assert body((root / path).read_text()) == upgrade(body(written[path]))


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
