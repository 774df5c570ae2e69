"""docs/ci.md stays true: its commands parse, its hooks exist, its configs are well formed.

The page shows commands in console, shell, Makefile and GitHub Actions blocks and in its
prose; each ``scaffold ...`` line must be accepted by the real argument parser, so a renamed
or removed option fails here. The messages it quotes come from running scaffold.
"""

import os
import re
import shlex
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold_core.cli.parser import build_parser
from scaffold_core.pipelines.flag import FLAG, choose_pipeline
from tests.installed import SCAFFOLD

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
BLOCKS = re.findall(r"^```(\w+)[^\n]*\n(.*?)^```", DOC, re.MULTILINE | re.DOTALL)
# What stands before a command on its line: a prompt, a YAML key, a list dash.
LEAD = re.compile(r"^\s*(?:\$ |- run: |run: |entry: )?")
# A span of the prose that is a whole command; placeholders and syntax summaries aside.
SPAN = re.compile(r"`(scaffold [^`\[|]*?)`")


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCKS if lang == language]


def command_lines() -> list[str]:
    """Every line of a code block, or span of prose, that runs ``scaffold``."""
    found = []
    for _, body in BLOCKS:
        for line in body.splitlines():
            command = LEAD.sub("", line.partition(" #")[0]).strip()
            if command.startswith("scaffold "):
                found.append(command)
    spans = [span for span in SPAN.findall(DOC) if "..." not in span]
    return found + [re.sub(r"<[^>]+>", "x", span) for span in spans]


def words_of(command: str) -> list[str]:
    """The arguments after ``scaffold``, without a shell redirection."""
    return shlex.split(command.partition(" > ")[0])[1:]


def workflows() -> list[dict[str, Any]]:
    return [doc for doc in map(yaml.safe_load, blocks("yaml")) if "jobs" in doc]


def pre_commit_hooks() -> list[tuple[str, dict[str, object]]]:
    """(repo, hook) for every hook of the page's ``.pre-commit-config.yaml`` blocks."""
    configs = [doc for doc in map(yaml.safe_load, blocks("yaml")) if "repos" in doc]
    return [
        (repo["repo"], hook)
        for config in configs
        for repo in config["repos"]
        for hook in repo["hooks"]
    ]


def test_the_page_shows_the_gates_in_every_form() -> None:
    assert len(command_lines()) >= 20
    assert len(blocks("make")) == 1
    assert len(blocks("sh")) == 2
    assert len(workflows()) == 2
    assert len(pre_commit_hooks()) == 2


@pytest.mark.parametrize("command", command_lines())
def test_every_scaffold_command_parses(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    words = words_of(command)
    if len(words) == 1:
        words.append("--help")  # the prose names a command: it must exist (help is exit 0)
    try:
        build_parser().parse_args(words)
    except SystemExit as refused:
        if refused.code == 0:
            return
        pytest.fail(f"{command!r} is refused (exit {refused.code}): {capsys.readouterr().err}")


def test_every_hook_the_repository_ships_is_documented() -> None:
    for hook in HOOKS:
        assert f"`{hook['id']}`" in DOC
        assert f"`{hook['entry']}`" in DOC


def test_the_pre_commit_snippets_use_the_shipped_hook_on_one_plugin() -> None:
    shipped = {hook["id"]: hook for hook in HOOKS}
    for repo, hook in pre_commit_hooks():
        assert hook["id"] in shipped, hook
        assert hook["args"], "the page recommends args: [<id>]"
        if repo == "local":
            # The local form is the shipped hook written out: it must behave the same.
            for key in ("entry", "language", "pass_filenames", "always_run"):
                assert hook[key] == shipped[hook["id"]][key], key


def test_the_workflows_run_only_make_targets_the_page_defines() -> None:
    (makefile,) = blocks("make")
    rule = re.compile(r"^([.\w-]+):")
    recipe_lines = [
        line for line in makefile.splitlines() if line and line[0] != "#" and not rule.match(line)
    ]
    assert all(line.startswith("\t") for line in recipe_lines), "make needs a tab before each"
    targets = {match[1] for match in map(rule.match, makefile.splitlines()) if match}
    runs = [
        step["run"]
        for doc in workflows()
        for job in doc["jobs"].values()
        for step in job["steps"]
        if "run" in step
    ]
    made = [run.split()[1] for run in runs if run.startswith("make ")]
    assert made, runs
    assert set(made) <= targets


def test_the_workflows_set_an_accepted_pipeline_flag_at_job_level() -> None:
    for doc in workflows():
        for job in doc["jobs"].values():
            value = job["env"][FLAG]
            assert isinstance(value, str), "quote it: YAML would read a bare true as a boolean"
            assert choose_pipeline(None, {FLAG: value}) == "v2"


def test_the_plugin_configuration_is_valid_toml() -> None:
    for body in blocks("toml"):
        tomllib.loads(body)


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path
) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items() if key != FLAG}
    return subprocess.run(
        [SCAFFOLD, *args], cwd=cwd, env={**environ, **(env or {})}, capture_output=True, text=True
    )


def test_the_quoted_flag_error_is_current(tmp_path: Path) -> None:
    result = run("new", "dto", "-s", "name=Order", "--dry-run", env={FLAG: "yes"}, cwd=tmp_path)
    assert result.returncode == 2
    assert f"`{result.stderr.strip()}`" in DOC
    empty = run("new", "dto", "-s", "name=Order", "--dry-run", env={FLAG: ""}, cwd=tmp_path)
    assert empty.returncode == 2, "the page says an empty value is refused"
    assert f"{FLAG}='' is not accepted" in empty.stderr


def test_a_misspelt_hook_argument_fails(tmp_path: Path) -> None:
    result = run("validate-architecture", "--strict", "wroker", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: not installed: 'wroker' (installed: ")
    assert "`error: not installed: 'wroker' ...; nothing checked`" in DOC
    assert result.stderr.rstrip().endswith("; nothing checked")


def test_a_recipe_already_applied_needs_force_to_run_not_to_dry_run(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    recipe = tmp_path / "refund.yaml"
    dto = "{name: Refund, fields: [{name: amount, type: int}]}"
    recipe.write_text(f"artifacts:\n  - type: dto\n    context: {dto}\n")
    assert run("new", "--recipe", str(recipe), cwd=tmp_path).returncode == 0
    written = (tmp_path / "src" / "dtos" / "refund.py").read_bytes()
    refused = run("new", "--recipe", str(recipe), cwd=tmp_path)
    assert refused.returncode == 2
    quoted = "src/dtos/refund.py already exists: pass --force to overwrite it"
    assert quoted in refused.stderr
    assert f"`{quoted}`" in DOC
    previewed = run("new", "--recipe", str(recipe), "--dry-run", cwd=tmp_path)
    assert previewed.returncode == 0
    assert "would rewrite src/dtos/refund.py, identical but" in previewed.stdout
    checked = run("new", "--recipe", str(recipe), "--dry-run", "--force", cwd=tmp_path)
    assert checked.returncode == 0
    assert (tmp_path / "src" / "dtos" / "refund.py").read_bytes() == written
