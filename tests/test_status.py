"""``scaffold status``: every recorded file against its file and its installed template."""

import json
import os

import pytest

from scaffold_core import InvalidInput
from scaffold_core.cli import main
from scaffold_core.status import project_status
from scaffold_core.write.record import record_target

ORDER = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}
WORKER = {"name": "OrderWorker", "layer": "orders"}


def states(manager, *paths):
    return {s.output_path: s.state for s in project_status(manager, paths)}


def rewrite_record(project, output_path, /, **changes):
    target = record_target(project, output_path)
    target.write_text(json.dumps({**json.loads(target.read_text()), **changes}))


@pytest.fixture
def scaffolded(manager, project):
    for context, path in [(ORDER, "src/order.py"), (WORKER, "src/w/worker.py")]:
        manager.scaffold("dto" if context is ORDER else "worker", context, output_path=path)
    manager.scaffold("dto", {**ORDER, "name": "Refund"}, output_path="src/refund.py")
    return manager


def test_each_state_is_told_apart(scaffolded, project):
    assert states(scaffolded) == {
        "src/order.py": "current",
        "src/refund.py": "current",
        "src/w/worker.py": "current",
    }
    with (project / "src/order.py").open("a") as file:
        file.write("# mine\n")
    (project / "src/w/worker.py").unlink()
    rewrite_record(project, "src/refund.py", version_hash="00000000")
    assert states(scaffolded) == {
        "src/order.py": "modified",
        "src/refund.py": "outdated",
        "src/w/worker.py": "missing",
    }
    rewrite_record(project, "src/order.py", version_hash="00000000")
    rewrite_record(project, "src/refund.py", artifact_type="gone")
    record_target(project, "src/w/worker.py").write_text("{not json")
    assert states(scaffolded) == {
        "src/order.py": "outdated+modified",
        "src/refund.py": "unknown type",
        "src/w/worker.py": "invalid record",
    }


def test_a_headed_file_without_a_record_is_listed(manager, project):
    manager.scaffold("dto", ORDER, output_path="src/order.py", record=False)
    (project / ".venv").mkdir()
    (project / ".venv" / "x.py").write_text((project / "src/order.py").read_text())
    (project / "notes.md").write_text("# scaffold: template=dto version=zz not a header\n")
    assert [(s.output_path, s.state, s.artifact_type) for s in project_status(manager)] == [
        ("src/order.py", "unrecorded", "dto")
    ]


def test_paths_select_files_at_or_under_them(scaffolded, project):
    assert list(states(scaffolded, "src/w")) == ["src/w/worker.py"]
    assert list(states(scaffolded, "src/order.py")) == ["src/order.py"]
    assert list(states(scaffolded, str(project / "src/w/"))) == ["src/w/worker.py"]
    assert list(states(scaffolded, "src/w/../order.py")) == ["src/order.py"]
    assert len(states(scaffolded, ".")) == 3


def test_a_path_outside_the_project_or_selecting_nothing_is_refused(scaffolded, project):
    with pytest.raises(InvalidInput) as refused:
        project_status(scaffolded, ["../elsewhere", "/etc", "src", ""])
    assert [problem.location for problem in refused.value.problems] == [
        "PATH '../elsewhere'",
        "PATH '/etc'",
        "PATH ''",
    ]
    with pytest.raises(InvalidInput, match="PATH 'src/ord': selects no recorded"):
        project_status(scaffolded, ["src/ord", "src/order.py"])


def test_relative_paths_start_from_the_working_folder(scaffolded, project):
    statuses = project_status(scaffolded, ["worker.py"], base=project / "src" / "w")
    assert [status.output_path for status in statuses] == ["src/w/worker.py"]


def test_a_file_holding_conflict_markers_fails_the_check(scaffolded, project, capsys):
    order = project / "src/order.py"
    order.write_text(order.read_text() + "<<<<<<< mine\na\n=======\nb\n>>>>>>> theirs\n")
    assert states(scaffolded)["src/order.py"] == "conflict"
    assert main(["status", "--check", "-C", str(project)]) == 1
    order.write_text(order.read_text() + "=======\n")  # a Markdown rule alone is no conflict
    (project / "src/refund.py").write_text("=======\n>>>>>>> x\n")
    assert states(scaffolded)["src/refund.py"] == "modified"


def test_a_named_pipe_is_not_read(scaffolded, project):
    os.mkfifo(project / "notes.md")
    os.mkfifo(record_target(project, "src/pipe.py"))
    assert states(scaffolded) == {
        "src/order.py": "current",
        "src/refund.py": "current",
        "src/w/worker.py": "current",
    }


def test_a_record_that_does_not_match_its_place_is_invalid(scaffolded, project):
    rewrite_record(project, "src/order.py", output_path="src/elsewhere.py")
    rewrite_record(project, "src/refund.py", artifact_output_path="../evil.py")
    rewrite_record(project, "src/w/worker.py", pipeline="v3")
    assert set(states(scaffolded).values()) == {"invalid record"}


def test_the_command_line_and_its_check(scaffolded, project, capsys):
    assert main(["status", "--check", "-C", str(project)]) == 0
    assert capsys.readouterr().out.splitlines()[1].split() == ["current", "src/order.py", "dto"]
    (project / "src/order.py").write_text("changed\n")
    assert main(["status", "--check", "-C", str(project)]) == 0  # modified is no failure
    (project / "src/order.py").unlink()
    capsys.readouterr()
    assert main(["status", "--check", "--json", "-C", str(project)]) == 1
    rows = {row["path"]: row["state"] for row in json.loads(capsys.readouterr().out)}
    assert rows["src/order.py"] == "missing"
    assert main(["status", "--json", "src/order.py", "-C", str(project)]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"path": "src/order.py", "state": "missing", "artifact_type": "dto"}
    ]


def test_an_empty_project_says_so(project, capsys):
    assert main(["status", "-C", str(project)]) == 0
    assert capsys.readouterr().out == "no recorded or scaffold-headed files\n"
