"""``scaffold skill``: the agent skill, generated from the installed types."""

import re
import shlex

import pytest
import yaml

from scaffold_core.agents import skill_markdown
from scaffold_core.cli import main
from scaffold_core.cli.parser import build_parser
from scaffold_core.discover import ArtifactRegistry, ArtifactType


def front_matter(text):
    assert text.startswith("---\n")
    head, _, body = text.removeprefix("---\n").partition("\n---\n")
    return yaml.safe_load(head), body


def test_front_matter_names_the_skill_and_when_to_use_it():
    meta, body = front_matter(skill_markdown())
    assert set(meta) == {"name", "description"}
    assert meta["name"] == "scaffold"
    assert "Use when" in meta["description"]
    assert len(meta["description"]) <= 1024  # the agent skills' limit
    assert body.lstrip().startswith("# ")


def test_every_installed_type_has_its_line_with_kind_and_summary():
    text = skill_markdown()
    for outcome in ArtifactRegistry().inspect_all():
        assert isinstance(outcome, ArtifactType), outcome
        kind = "printed unless -o" if outcome.kind == "ephemeral" else "file"
        assert re.search(rf"^- `{outcome.artifact_id}` \({re.escape(kind)}\): \S", text, re.M)
        assert outcome.artifact_id in front_matter(text)[0]["description"]


def test_a_broken_type_is_listed_as_not_to_use(fixture_registry):
    registry = fixture_registry()
    broken = [o for o in registry.inspect_all() if not isinstance(o, ArtifactType)]
    assert broken
    text = skill_markdown(registry)
    for outcome in broken:
        assert f"- `{outcome.artifact_id}` (broken, do not use): " in text
        assert outcome.artifact_id not in front_matter(text)[0]["description"]


def test_every_command_it_teaches_parses():
    commands = re.findall(r"`(scaffold [^`]+)`", skill_markdown())
    assert len(commands) >= 10
    parser = build_parser()
    for command in commands:
        words = shlex.split(command.replace("TYPE", "dto"))[1:]
        try:
            parser.parse_args(words)
        except SystemExit:  # pragma: no cover - the failure message names the command
            pytest.fail(f"the skill teaches a command the CLI refuses: {command}")


def test_prints_to_stdout(capsys):
    assert main(["skill"]) == 0
    assert capsys.readouterr().out == skill_markdown()


def test_writes_the_file_and_its_folders(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["skill", "-o", ".claude/skills/scaffold/SKILL.md"]) == 0
    target = tmp_path / ".claude/skills/scaffold/SKILL.md"
    assert target.read_text(encoding="utf-8") == skill_markdown()
    assert capsys.readouterr().out == ".claude/skills/scaffold/SKILL.md\n"


def test_an_identical_file_is_left_alone(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SKILL.md").write_text(skill_markdown(), encoding="utf-8")
    assert main(["skill", "-o", "SKILL.md"]) == 0
    assert "unchanged" in capsys.readouterr().out


def test_an_existing_different_file_is_refused_and_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SKILL.md").write_text("mine\n")
    assert main(["skill", "-o", "SKILL.md"]) == 2
    assert "SKILL.md already exists and differs" in capsys.readouterr().err
    assert (tmp_path / "SKILL.md").read_text() == "mine\n"


def test_a_symbolic_link_is_never_written_through(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "SKILL.md").symlink_to(tmp_path / "elsewhere.md")
    assert main(["skill", "-o", "SKILL.md"]) == 2
    assert not (tmp_path / "elsewhere.md").exists()


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("", "is empty"),
        ("x" * 300, "has a name of"),
        ("a\tb.md", "control or invisible character"),
        ("new\nline.md", "control or invisible character"),
        (".git/SKILL.md", "'.git'"),
        (".scaffold/SKILL.md", "'.scaffold' at the top"),
        ("a_file/SKILL.md", "which is a file, not a folder"),
        ("loop/SKILL.md", "loop of symbolic links"),
        ("loop", "symbolic link"),
        ("dangling", "symbolic link"),
        ("sub/../SKILL.md", "'..'"),
    ],
)
def test_a_bad_path_is_refused_by_new_s_path_rules(given, says, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_file").write_text("mine\n")
    (tmp_path / "loop").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    before = sorted(tmp_path.rglob("*"))
    assert main(["skill", "-o", given]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: -o ")
    assert says in err
    assert "Traceback" not in err
    assert "already exists" not in err
    assert sorted(tmp_path.rglob("*")) == before
    assert (tmp_path / "a_file").read_text() == "mine\n"


@pytest.mark.parametrize("given", [".claude/skills/scaffold", ".claude/skills/scaffold/"])
def test_an_existing_folder_gets_skill_md_in_it(given, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".claude/skills/scaffold").mkdir(parents=True)
    assert main(["skill", "-o", given]) == 0
    target = tmp_path / ".claude/skills/scaffold/SKILL.md"
    assert target.read_text(encoding="utf-8") == skill_markdown()
    assert capsys.readouterr().out == ".claude/skills/scaffold/SKILL.md\n"
    target.write_text("mine\n")
    assert main(["skill", "-o", given]) == 2
    err = capsys.readouterr().err
    assert "SKILL.md already exists and differs: remove that file" in err
    assert target.read_text() == "mine\n"


def test_a_missing_folder_with_a_slash_is_created(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["skill", "-o", "new/dir/"]) == 0
    assert (tmp_path / "new/dir/SKILL.md").read_text(encoding="utf-8") == skill_markdown()
    assert capsys.readouterr().out == "new/dir/SKILL.md\n"


def test_outside_the_working_folder_is_allowed(tmp_path, monkeypatch, capsys):
    # ~/.claude/skills/scaffold/SKILL.md serves every project: absolute and ../ paths work.
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    absolute = tmp_path / "home/.claude/skills/scaffold/SKILL.md"
    assert main(["skill", "-o", str(absolute)]) == 0
    assert absolute.read_text(encoding="utf-8") == skill_markdown()
    assert main(["skill", "-o", "../shared/"]) == 0
    assert (tmp_path / "shared/SKILL.md").read_text(encoding="utf-8") == skill_markdown()
    assert capsys.readouterr().out == f"{absolute}\n../shared/SKILL.md\n"


def test_summaries_are_one_form_markdown_phrases():
    for line in skill_markdown().splitlines():
        if line.startswith("- `") and "(broken" not in line:
            summary = line.partition("): ")[2]
            assert "``" not in summary, line
            assert not summary[:1].isupper() or summary.split()[0].isupper(), line


def test_the_step_that_writes_says_what_json_prints():
    assert "It prints a JSON document" in skill_markdown()
    assert "It prints the paths written" not in skill_markdown()
