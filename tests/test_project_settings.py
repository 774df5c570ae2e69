"""``[tool.scaffold]``: checked when read, every problem listed, a did-you-mean for typos."""

import json
from pathlib import Path

import pytest

from scaffold_core import BadOption, InvalidInput
from scaffold_core.cli import main
from scaffold_core.enrich import ProjectSettings, find_project_root

IDS = ("dto", "worker")
HEAD = '[project]\nname = "demo"\nversion = "0.1.0"\n'


def load(root: Path, table: str) -> ProjectSettings:
    (root / "pyproject.toml").write_text(table + HEAD)
    return ProjectSettings.load(root, IDS)


def problems(root: Path, table: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load(root, table)
    assert caught.value.subject == "the project settings"
    return [str(problem) for problem in caught.value.problems]


def test_valid_settings_load(tmp_path):
    table = '[tool.scaffold.output_paths]\ndto = "app/{name:snake}.py"\nworker = "w/{name}.py"\n'
    settings = load(tmp_path, table)
    assert settings.output_paths == {"dto": "app/{name:snake}.py", "worker": "w/{name}.py"}
    assert load(tmp_path, "[tool.ruff]\nline-length = 99\n") == ProjectSettings()


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("tool = 3\n", "pyproject.toml tool: a table (given: 3)"),
        ("[tool]\nscaffold = 3\n", "pyproject.toml [tool].scaffold: a table (given: 3)"),
        (
            "[tool.scaffold]\noutput_paths = 'x'\n",
            "pyproject.toml [tool.scaffold].output_paths: a table (given: 'x')",
        ),
        (
            "[tool.scaffold.output_paths]\ndto = 3\n",
            "pyproject.toml [tool.scaffold.output_paths].dto: a pattern string (given: 3)",
        ),
        (
            "[tool.scaffold]\noutput_pahts = {}\n",
            (
                "pyproject.toml [tool.scaffold].output_pahts: unknown key 'output_pahts':"
                " did you mean 'output_paths'? known: events, output_paths, record, v1_warning"
            ),
        ),
        (
            "[tool.scaffold.output_paths]\nwroker = 'x/{name}.py'\n",
            (
                "pyproject.toml [tool.scaffold.output_paths].wroker: unknown artifact type"
                " 'wroker': did you mean 'worker'? known: dto, worker"
            ),
        ),
    ],
)
def test_wrong_shapes_and_unknown_names(tmp_path, table, expected):
    assert problems(tmp_path, table) == [expected]


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("src/{layer}/{name!r}.py", "'{name!r}' has a conversion: use {field} or {field:case}"),
        ("src/{name.__class__}.py", "'{name.__class__}' is not a field name"),
        ("src/{name[0]}.py", "'{name[0]}' is not a field name"),
        ("src/{}.py", "'{}' is not a field name"),
        ("src/{name:>12}.py", "':>12', which is not a case conversion"),
        ("src/{name:{layer}}.py", "which is not a case conversion"),
        ("src/{name.py", "expected '}' before end of string"),
        ("src/name}.py", "Single '}' encountered"),
        ("/src/{name}.py", "output path pattern '/src/{name}.py' is absolute"),
        ("../{name}.py", "contains '..'"),
        ("src/{name}/", "names a folder"),
        ("src/{name}\n.py", r"contains '\n' at position 11"),
    ],
)
def test_patterns_are_checked_when_read(tmp_path, pattern, reason):
    # A JSON string is a TOML basic string: "\n" in it is a line break.
    (found,) = problems(tmp_path, f"[tool.scaffold.output_paths]\ndto = {json.dumps(pattern)}\n")
    assert found.startswith("pyproject.toml [tool.scaffold.output_paths].dto: ")
    assert reason in found


def test_every_problem_is_listed_at_once(tmp_path):
    table = "[tool.scaffold]\nextra = 1\n[tool.scaffold.output_paths]\nnope = 'a'\ndto = 2\n"
    assert len(problems(tmp_path, table)) == 3


def test_without_known_ids_any_type_id_is_accepted(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.scaffold.output_paths]\nmine = 'x.py'\n")
    assert ProjectSettings.load(tmp_path).output_paths == {"mine": "x.py"}


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("src/{fields}.py", "'fields' is not a text field; a pattern may use the text fields:"),
        ("src/{frozen}.py", "'frozen' is not a text field"),
        ("src/{nme}.py", "'nme' is not a field (did you mean 'name'?)"),
        ("src/{layer}.py", "'layer' is not a field; a pattern may use the text fields:"),
    ],
)
def test_pattern_fields_are_checked_against_the_type(
    project, monkeypatch, capsys, pattern, reason
):
    (project / "pyproject.toml").write_text(f"[tool.scaffold.output_paths]\ndto = '{pattern}'\n")
    monkeypatch.chdir(project)
    dto = ["new", "dto", "-s", "name=Order", "-s", 'fields=[{"name": "total", "type": "int"}]']
    assert main(dto) == 2
    error = capsys.readouterr().err
    assert "pyproject.toml [tool.scaffold.output_paths].dto: " in error
    assert reason in error
    assert sorted(path.name for path in project.iterdir()) == ["pyproject.toml"]
    # Another type is not held back by the dto pattern.
    worker = ["new", "worker", "-s", "name=OrderWorker", "-s", "layer=core", "--dry-run"]
    assert main(worker) == 0


def test_an_unknown_type_in_the_settings_stops_the_command(project, monkeypatch, capsys):
    (project / "pyproject.toml").write_text("[tool.scaffold.output_paths]\ndtos = 'x.py'\n")
    monkeypatch.chdir(project)
    assert main(["new", "worker", "-s", "name=OrderWorker", "-s", "layer=core"]) == 2
    assert "unknown artifact type 'dtos': did you mean 'dto'?" in capsys.readouterr().err
    assert sorted(path.name for path in project.iterdir()) == ["pyproject.toml"]


def test_find_project_root(tmp_path):
    deeper = tmp_path / "a" / "b"
    deeper.mkdir(parents=True)
    assert find_project_root(deeper) == deeper.resolve()  # no pyproject.toml up to /tmp
    (tmp_path / "a" / "pyproject.toml").write_text(HEAD)
    assert find_project_root(deeper) == (tmp_path / "a").resolve()
    (deeper / "pyproject.toml").mkdir()  # a folder of that name does not mark a root
    assert find_project_root(deeper) == (tmp_path / "a").resolve()


def test_find_project_root_refuses_a_deleted_working_folder(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(BadOption, match="the current folder no longer exists"):
        find_project_root()


DESIGN = {
    "title": "x",
    "problem_statement": "Slow.",
    "requirements_functional": ["Fast."],
    "requirements_nonfunctional": ["Cheap."],
    "decision": "Cache.",
    "rationale": "Fastest.",
}


@pytest.mark.parametrize("title", ["A/B Testing", "a\\b", "x/../../y"])
def test_a_field_value_never_makes_a_folder(project, monkeypatch, capsys, title):
    (project / "pyproject.toml").write_text(
        "[tool.scaffold.output_paths]\ndesign = 'docs/{title}.md'\n"
    )
    monkeypatch.chdir(project)
    context = project.parent / "design.json"
    context.write_text(json.dumps(DESIGN))
    design = ["new", "design", "--context", str(context), "-s", f"title={title}"]
    assert main(design) == 2
    error = capsys.readouterr().err
    assert (
        "pyproject.toml [tool.scaffold.output_paths].design: field 'title' fills {title}" in error
    )
    assert "which holds a path separator: use {title:kebab} or choose another value" in error
    assert sorted(path.name for path in project.iterdir()) == ["pyproject.toml"]
