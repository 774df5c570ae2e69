"""Output paths: one rule wherever a path enters (-o, a recipe's output, a pattern's result).

Relative, POSIX, printable, no comment closer, a file (not a folder, not under a file),
short enough for the file system with its record's temporary name; a folder means the default file
name inside it. Every refusal is exit 2 with nothing written and no folder created.
"""

import json
import os
from pathlib import Path

import pytest

from scaffold_core import UnsafeOutputPath
from scaffold_core.cli import main
from scaffold_core.write import resolve_inside

DTO = ["new", "dto", "-s", "name=Order", "-s", 'fields=[{"name": "total", "type": "int"}]']
PYPROJECT = '[project]\nname = "demo"\nversion = "0.1.0"\n'


@pytest.fixture
def project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The empty project with a pyproject.toml, as the working directory."""
    (project / "pyproject.toml").write_text(PYPROJECT)
    monkeypatch.chdir(project)
    return project


def files(root: Path) -> list[str]:
    """Every file and folder under ``root``, relative, sorted."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))


def name_max(folder: Path) -> int:
    return os.pathconf(folder, "PC_NAME_MAX")


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("", "output path '' is empty"),
        ("   ", "is empty"),
        (".", "output path '.' is the project root itself"),
        ("./", "is the project root itself"),
        ('order\nprint("injected")\n#.py', r"contains '\n' at position 6, a control"),
        ("order\r.py", r"contains '\r' at position 6"),
        ("src/\x1b[31m.py", r"contains '\x1b'"),
        ("src/\u202eyp.txt", r"contains '\u202e'"),
        ("docs/a-->b.md", "contains '-->', which would end the file's header comment"),
        ("/tmp/order.py", "is absolute"),
        ("C:\\temp\\order.py", "is absolute"),
        ("src/../../order.py", "contains '..'"),
        ("pyproject.toml/order.py", "goes through 'pyproject.toml', which is a file"),
        ("src/" + "d" * 256 + "/order.py", "has a name of 256 bytes"),
        ("order.py ", "has the name 'order.py ', which starts or ends with a space"),
        (" order.py", "has the name ' order.py', which starts or ends with a space"),
        ("order.py.", "ends with a dot: Windows drops those"),
        ("src./order.py", "has the name 'src.'"),
        (".git/hooks/pre-commit.py", "scaffold never writes into the repository's .git"),
        (".GIT/x.py", "'.git' in it"),
        (".scaffold-journal.notes.md", "reserved for scaffold's write journals"),
    ],
)
def test_refused_output_paths_write_nothing(project, capsys, output, message):
    assert main([*DTO, "-o", output]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: output path")
    assert message in error
    assert files(project) == ["pyproject.toml"]


def test_a_file_name_must_leave_room_for_its_records_temporary_name(project, capsys):
    limit = name_max(project)  # a record's temporary name adds 10 + len(".json") bytes
    fits, too_long = "n" * (limit - 18) + ".py", "n" * (limit - 17) + ".py"
    assert main([*DTO, "-o", f"src/{too_long}"]) == 2
    assert (
        f"has a name of {limit + 1} bytes ('nnnnnnnnnnnnnnnnnnnn...' as its record's"
        " temporary name)" in (capsys.readouterr().err)
    )
    assert files(project) == ["pyproject.toml"]
    assert main([*DTO, "-o", f"src/{fits}"]) == 0
    assert (project / "src" / fits).is_file()
    assert sorted(path.name for path in (project / "src").iterdir()) == [fits]
    assert (project / ".scaffold" / "records" / "src" / f"{fits}.json").is_file()


@pytest.mark.parametrize("suffix", ["/x.py", "/"])
def test_a_path_longer_than_the_system_allows_is_refused_before_any_look(project, capsys, suffix):
    limit = os.pathconf(project, "PC_PATH_MAX")
    folders = "/".join(["d" * 200] * (limit // 201 + 1))
    assert main([*DTO, "-o", folders + suffix]) == 2
    assert "makes an absolute path of" in capsys.readouterr().err
    assert files(project) == ["pyproject.toml"]


def test_a_trailing_slash_or_an_existing_folder_gets_the_default_file_name(project, capsys):
    assert main([*DTO, "-o", "models/"]) == 0
    assert main([*DTO, "-o", "models"]) == 2  # now an existing folder holding order.py
    assert "models/order.py already exists: pass --force" in capsys.readouterr().err
    assert main([*DTO, "-o", "models", "--force"]) == 0
    assert capsys.readouterr().out == "models/order.py\n"
    (project / "src/dtos").mkdir(parents=True)
    assert main([*DTO, "-o", "src/dtos"]) == 0
    assert main([*DTO, "-o", "src\\legacy\\"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "src/dtos/order.py",
        "src/legacy/order.py",
    ]
    header = (project / "models/order.py").read_text().splitlines()[0]
    assert header.endswith("path=models/order.py")


def test_the_default_file_name_follows_the_project_pattern(project, capsys):
    with (project / "pyproject.toml").open("a") as stream:
        stream.write('[tool.scaffold.output_paths]\ndto = "app/{name:kebab}-model.py"\n')
    assert main([*DTO, "-o", "models/"]) == 0
    assert capsys.readouterr().out == "models/order-model.py\n"


def test_a_folder_without_a_default_file_name_is_refused(project, capsys):
    commit = ["new", "commit", "-s", "type=feat", "-s", "message=Add orders", "-o", "out/"]
    assert main(commit) == 2
    assert "output path 'out/' names a folder, and artifact type 'commit' has no default" in (
        capsys.readouterr().err
    )
    assert files(project) == ["pyproject.toml"]


def test_a_pattern_that_names_a_folder_is_refused(project, capsys):
    with (project / "pyproject.toml").open("a") as stream:
        stream.write('[tool.scaffold.output_paths]\ndto = "src/{name}"\n')
    (project / "src/Order").mkdir(parents=True)
    assert main(DTO) == 2
    assert "output path 'src/Order' names a folder: give a file path" in capsys.readouterr().err
    assert files(project) == ["pyproject.toml", "src", "src/Order"]


def test_a_link_to_the_root_is_refused_as_a_link(project):
    (project / "here").symlink_to(project)
    with pytest.raises(UnsafeOutputPath, match="'here' is a symbolic link"):
        resolve_inside(project, "here")


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_recipe_cannot_write_one_real_file_twice(project, capsys, force):
    (project / "src/models").mkdir(parents=True)
    (project / "src/current").symlink_to("models")
    recipe = {
        "artifacts": [
            {
                "type": "dto",
                "context": {"name": "OrderPlaced", "fields": [{"name": "total", "type": "int"}]},
            },
            {
                "type": "dto",
                "context": {
                    "name": "OrderCancelled",
                    "fields": [{"name": "total", "type": "int"}],
                },
            },
        ]
    }
    recipe["artifacts"][0]["output"] = "src/models/order.py"
    recipe["artifacts"][1]["output"] = "src/current/order.py"
    (project / "recipe.json").write_text(json.dumps(recipe))
    assert main(["new", "--recipe", "recipe.json", *force]) == 2
    assert "artifact 2 (dto): src/current/order.py is also written by artifact 1 (dto)" in (
        capsys.readouterr().err
    )
    assert list((project / "src/models").iterdir()) == []


def test_a_recipe_output_follows_the_same_rule(project, capsys):
    recipe = {
        "artifacts": [
            {
                "type": "dto",
                "context": {"name": "Invoice", "fields": [{"name": "total", "type": "int"}]},
            }
        ]
    }
    recipe["artifacts"][0]["output"] = "invoice\nimport os\n#.py"
    (project / "recipe.json").write_text(json.dumps(recipe))
    assert main(["new", "--recipe", "recipe.json"]) == 2
    assert r"artifact 1 (dto): output path 'invoice\nimport os\n#.py' contains '\n'" in (
        capsys.readouterr().err
    )
    assert files(project) == ["pyproject.toml", "recipe.json"]


@pytest.mark.parametrize("folder", ["missing", "pyproject.toml", ""])
def test_project_root_option_must_be_an_existing_folder(project, capsys, folder):
    with pytest.raises(SystemExit) as caught:
        main([*DTO, "-C", folder])
    assert caught.value.code == 2
    assert f"argument -C/--project-root: '{folder}'" in capsys.readouterr().err
    assert files(project) == ["pyproject.toml"]


def test_the_project_root_is_the_nearest_folder_upward_with_a_pyproject(
    project, monkeypatch, capsys
):
    deeper = project / "src" / "orders"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    assert main([*DTO, "-o", "app/order.py"]) == 0
    assert (project / "app/order.py").is_file()
    assert main([*DTO, "-C", ".", "-o", "here.py"]) == 0  # -C names the root itself
    assert (deeper / "here.py").is_file()
    assert capsys.readouterr().out == "app/order.py\nhere.py\n"


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("loop1/x.py", "output path 'loop1/x.py' goes through a loop of symbolic links"),
        ("loop1/", "output path 'loop1/order.py' goes through a loop of symbolic links"),
        ("loop1", "output path 'loop1' is a symbolic link"),
    ],
)
def test_a_loop_of_symbolic_links_is_refused(project, capsys, output, message):
    (project / "loop1").symlink_to("loop2")
    (project / "loop2").symlink_to("loop1")
    assert main([*DTO, "-o", output]) == 2
    assert message in capsys.readouterr().err
    assert files(project) == ["loop1", "loop2", "pyproject.toml"]


def test_a_pattern_through_a_loop_of_symbolic_links_is_refused(project, capsys):
    with (project / "pyproject.toml").open("a") as stream:
        stream.write('[tool.scaffold.output_paths]\ndto = "loop1/{name}.py"\n')
    (project / "loop1").symlink_to("loop1")
    assert main(DTO) == 2
    assert "'loop1/Order.py' goes through a loop of symbolic links" in capsys.readouterr().err


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("points_to", ["nowhere.py", "real.py"])
def test_the_target_may_not_be_a_symbolic_link(project, capsys, force, points_to):
    """Neither written through (it may lead anywhere later) nor replaced by a file."""
    (project / "real.py").write_text("mine\n")
    (project / "link.py").symlink_to(points_to)
    assert main([*DTO, "-o", "link.py", *force]) == 2
    assert (
        "error: output path 'link.py' is a symbolic link; scaffold does not write through or"
        " over links" in capsys.readouterr().err
    )
    assert (project / "link.py").readlink() == Path(points_to)
    assert (project / "real.py").read_text() == "mine\n"


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("..", "output path '..' contains '..'"),
        ("src/..", "output path 'src/..' contains '..'"),
        ("src/../", "output path 'src/../' contains '..'"),
        (".git", "output path '.git' has '.git' in it"),
    ],
)
def test_a_folder_is_checked_as_typed_before_the_file_name_is_added(
    project, capsys, output, message
):
    (project / "src").mkdir()
    (project / ".git").mkdir()
    assert main([*DTO, "-o", output]) == 2
    assert message in capsys.readouterr().err
    assert files(project) == [".git", "pyproject.toml", "src"]


def test_a_link_into_git_is_refused(project, capsys):
    (project / ".git").mkdir()
    (project / "hooks").symlink_to(".git")
    assert main([*DTO, "-o", "hooks/x.py"]) == 2
    assert "output path 'hooks/x.py' leads to '.git/x.py', which has '.git' in it" in (
        capsys.readouterr().err
    )
    assert files(project) == [".git", "hooks", "pyproject.toml"]


def test_the_header_records_the_real_path_through_links(project, capsys):
    (project / "self").symlink_to(".")
    (project / "src/models").mkdir(parents=True)
    (project / "current").symlink_to("src/models")
    assert main([*DTO, "-o", "self/self/z.py"]) == 0
    assert main([*DTO, "-o", "current/order.py"]) == 0
    assert capsys.readouterr().out == "z.py\nsrc/models/order.py\n"
    assert (project / "z.py").read_text().splitlines()[0].endswith(" path=z.py")
    header = (project / "src/models/order.py").read_text().splitlines()[0]
    assert header.endswith(" path=src/models/order.py")


def test_a_deleted_working_folder_is_refused(tmp_path, monkeypatch, capsys):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert main(DTO) == 2
    assert capsys.readouterr().err == (
        "error: the current folder no longer exists (deleted or moved): cd into the project,"
        " or pass -C DIR\n"
    )
