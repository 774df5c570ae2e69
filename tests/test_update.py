"""``scaffold update``: recorded files rendered again, merged three ways with the user's edits.

A template upgrade is played by the record: what scaffold "wrote last" (the record's content,
and the file when it was not edited) is the current rendering with a change undone, so that
rendering again brings the change back, as an upgraded plugin would.
"""

import json
import re
import subprocess
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold_core import (
    ArtifactManager,
    InvalidInput,
    MergeUnavailable,
    UnsafeOutputPath,
    UpdateFailed,
)
from scaffold_core.cli import main
from scaffold_core.status import project_status
from scaffold_core.update import plan_update
from scaffold_core.write.record import read_record, record_target
from tests.conftest import FIXED_TIME
from tests.fuzzing import discovered_types

ORDER = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}
WORKER = {"name": "OrderWorker", "layer": "orders"}
LATER = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
OLD_HASH = "00000000"
PERSISTENT = [artifact for artifact in discovered_types() if artifact.kind == "persistent"]


def later(project):
    return ArtifactManager(project, clock=lambda: LATER)


def rewrite_record(project, output_path, /, **changes):
    target = record_target(project, output_path)
    target.write_text(json.dumps({**json.loads(target.read_text()), **changes}))


def play_older_template(project, output_path, old_text):
    """As if an older template had written ``old_text``: the file and its record hold it."""
    old_text = re.sub(r"version=[0-9a-f]{8}", f"version={OLD_HASH}", old_text, count=1)
    (project / output_path).write_text(old_text, encoding="utf-8")
    rewrite_record(project, output_path, content=old_text, version_hash=OLD_HASH)
    return old_text


def outcomes(plan):
    return {file.output_path: file.outcome for file in plan.files}


@pytest.fixture
def order(manager, project):
    """``src/order.py`` as the current dto template writes it; its text."""
    return manager.scaffold("dto", ORDER, output_path="src/order.py").content


def test_an_unedited_file_is_replaced_and_its_record_follows(order, project):
    older = play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    manager = later(project)
    assert [s.state for s in project_status(manager)] == ["outdated"]
    plan = plan_update(manager)
    assert outcomes(plan) == {"src/order.py": "replaced"}
    assert plan.files[0].before == older
    plan.apply(manager)
    text = (project / "src/order.py").read_text()
    assert text == order.replace(" path=", " updated=2026-03-04T05:06:07Z path=", 1)
    record = read_record(project, "src/order.py")
    assert (record.content, record.updated, record.created) == (text, LATER, FIXED_TIME)
    assert record.version_hash != OLD_HASH
    assert [s.state for s in project_status(manager)] == ["current"]
    assert outcomes(plan_update(manager)) == {"src/order.py": "current"}


def test_an_edited_file_keeps_the_edit_and_gets_the_template_change(order, project):
    older = play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    edited = older.replace(
        '"""Order: data transfer object."""', '"""Orders, as the shop sees them."""'
    )
    (project / "src/order.py").write_text(edited)
    manager = later(project)
    plan = plan_update(manager)
    assert outcomes(plan) == {"src/order.py": "merged"}
    plan.apply(manager)
    text = (project / "src/order.py").read_text()
    assert '"""Orders, as the shop sees them."""' in text
    assert "    total: int\n" in text
    assert "updated=2026-03-04T05:06:07Z" in text.splitlines()[0]
    # The record keeps what the template wrote: the next merge's base, the edit still "yours".
    assert read_record(project, "src/order.py").content.endswith("total: int\n")
    assert [s.state for s in project_status(manager)] == ["modified"]
    assert outcomes(plan_update(manager)) == {"src/order.py": "current"}


def test_a_collision_leaves_conflict_markers_around_both_lines(order, project):
    older = play_older_template(
        project, "src/order.py", order.replace("total: int", "total: float")
    )
    (project / "src/order.py").write_text(older.replace("total: float", "total: Decimal"))
    manager = later(project)
    plan = plan_update(manager)
    assert outcomes(plan) == {"src/order.py": "conflict"}
    assert plan.failed
    plan.apply(manager)
    text = (project / "src/order.py").read_text()
    assert re.search(
        r"<<<<<<< src/order\.py \(yours\)\n    total: Decimal\n=======\n    total: int\n"
        r">>>>>>> src/order\.py \(template dto [0-9a-f]{8}\)\n",
        text,
    )
    # Resolving is the user's: the next update leaves the file alone.
    assert outcomes(plan_update(manager)) == {"src/order.py": "current"}
    assert (project / "src/order.py").read_text() == text


def test_an_unchanged_template_writes_nothing(order, project):
    before = record_target(project, "src/order.py").read_text()
    plan = plan_update(later(project))
    assert outcomes(plan) == {"src/order.py": "current"}
    assert plan.writes == ()
    assert record_target(project, "src/order.py").read_text() == before


def test_a_record_that_only_lags_is_brought_up_to_date_and_the_file_left(order, project):
    rewrite_record(project, "src/order.py", distribution_version="0.0.1")
    manager = later(project)
    plan = plan_update(manager)
    assert outcomes(plan) == {"src/order.py": "current"}
    plan.apply(manager)
    record = read_record(project, "src/order.py")
    assert record.distribution_version == manager.artifact("dto").entry.version
    assert (record.content, record.updated) == (order, None)
    assert (project / "src/order.py").read_text() == order


def test_a_missing_file_is_restored(order, project):
    (project / "src/order.py").unlink()
    manager = later(project)
    plan = plan_update(manager)
    assert outcomes(plan) == {"src/order.py": "restored"}
    plan.apply(manager)
    assert "total: int" in (project / "src/order.py").read_text()


def test_assignments_change_the_recorded_input_first(order, project):
    manager = later(project)
    fields = '[{"name": "total", "type": "int"}, {"name": "note", "type": "str"}]'
    plan_update(manager, assignments=[f"fields={fields}"]).apply(manager)
    assert "    note: str\n" in (project / "src/order.py").read_text()
    context = read_record(project, "src/order.py").context
    assert context["fields"][1] == {"name": "note", "type": "str"}


def test_bad_assignments_name_every_problem_and_write_nothing(manager, order, project):
    manager.scaffold("worker", WORKER, output_path="src/worker.py")
    with pytest.raises(UpdateFailed) as failed:
        plan_update(later(project), assignments=["fields=7", "colour=red"])
    assert failed.value.exit_code == 2
    message = str(failed.value)
    assert "src/order.py" in message
    assert "src/worker.py" in message
    assert "fields" in message
    assert "colour" in message
    assert (project / "src/order.py").read_text() == order


def test_paths_select_what_is_updated(manager, order, project):
    manager.scaffold("worker", WORKER, output_path="src/w/worker.py")
    (project / "src/order.py").unlink()
    (project / "src/w/worker.py").unlink()
    assert outcomes(plan_update(later(project), ["src/w"])) == {"src/w/worker.py": "restored"}


def test_files_it_cannot_update_are_listed_and_the_rest_updated(manager, order, project):
    manager.scaffold("dto", {**ORDER, "name": "Refund"}, output_path="src/refund.py")
    manager.scaffold("worker", WORKER, output_path="src/worker.py")
    rewrite_record(project, "src/refund.py", artifact_type="gone")
    record_target(project, "src/worker.py").write_text("{not json")
    (project / "src/order.py").unlink()
    plan = plan_update(later(project))
    assert outcomes(plan) == {
        "src/order.py": "restored",
        "src/refund.py": "unknown type",
        "src/worker.py": "invalid record",
    }
    assert plan.failed


def test_the_legacy_pipeline_renders_again_with_its_own_template(manager, project):
    manager.scaffold("dto", ORDER, output_path="src/order.py", pipeline="v1")
    (project / "src/order.py").unlink()
    manager = later(project)
    plan_update(manager).apply(manager)
    record = read_record(project, "src/order.py")
    assert (record.pipeline, record.template) == ("v1", "dto.v1.py.jinja2")


def test_a_modified_file_without_git_is_an_error_before_anything_is_written(
    order, project, monkeypatch
):
    play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    (project / "src/order.py").write_text("# mine\n" + (project / "src/order.py").read_text())
    before = (project / "src/order.py").read_text()
    monkeypatch.setenv("PATH", "")
    with pytest.raises(UpdateFailed, match="git is not on PATH") as failed:
        plan_update(later(project))
    assert isinstance(failed.value.failures[0][1], MergeUnavailable)
    assert failed.value.exit_code == 1
    assert (project / "src/order.py").read_text() == before


def test_a_file_that_is_not_utf8_is_refused_by_name(manager, order, project):
    manager.scaffold("dto", {**ORDER, "name": "Refund"}, output_path="src/refund.py")
    play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    (project / "src/order.py").write_bytes(b"# caf\xe9\n")
    (project / "src/refund.py").unlink()
    with pytest.raises(UpdateFailed) as failed:
        plan_update(later(project))
    assert failed.value.exit_code == 2
    assert "src/order.py is not UTF-8 text (byte 0xe9 at offset 5)" in str(failed.value)
    assert not (project / "src/refund.py").exists()


def test_the_command_line(order, project, capsys):
    older = play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    assert main(["update", "--dry-run", "-C", str(project)]) == 0
    out = capsys.readouterr().out
    assert "--- a/src/order.py\n+++ b/src/order.py\n" in out
    assert "+    total: int\n" in out
    assert out.splitlines()[-1].split() == ["replaced", "src/order.py", "dto"]
    assert (project / "src/order.py").read_text() == older
    assert main(["update", "--json", "-C", str(project)]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"path": "src/order.py", "outcome": "replaced", "artifact_type": "dto"}
    ]
    assert "total: int" in (project / "src/order.py").read_text()


def test_the_command_line_exits_1_on_a_conflict_and_2_on_bad_input(order, project, capsys):
    older = play_older_template(
        project, "src/order.py", order.replace("total: int", "total: float")
    )
    (project / "src/order.py").write_text(older.replace("total: float", "total: Decimal"))
    assert main(["update", "--dry-run", "-C", str(project)]) == 1
    assert "would hold conflict markers" in capsys.readouterr().err
    assert main(["update", "-C", str(project)]) == 1
    assert "src/order.py holds conflict markers" in capsys.readouterr().err
    assert main(["update", "-s", "name=not a class", "-C", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: update not applied, nothing written (1 failure):")
    assert "Traceback" not in err


def test_an_empty_project_says_so(project, capsys):
    assert main(["update", "-C", str(project)]) == 0
    assert capsys.readouterr().out == "no recorded files to update\n"


# --------------------------------------------------------------------------------------------
# Properties over every installed persistent type: no user edit is ever lost
# --------------------------------------------------------------------------------------------

EXAMPLES = [
    (artifact.artifact_id, number, example)
    for artifact in PERSISTENT
    for number, example in enumerate(artifact.examples())
]
USER_LINE = "user line kept by the merge"


def properties(examples):
    """Hypothesis settings for a property that scaffolds into a fresh folder per example."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


def scaffold_example(tmp_path_factory, artifact_id, number, example):
    project = tmp_path_factory.mktemp("update")
    manager = ArtifactManager(project, clock=lambda: FIXED_TIME)
    extension = manager.artifact(artifact_id).extension
    result = manager.scaffold(artifact_id, example, output_path=f"out{number}/main.{extension}")
    return project, result


def update_after_editing(project, result, edited, outcome):
    """The user's ``edited`` text updated: its ``outcome``, the artifact's other files
    current; the main file's text after the update.
    """
    (project / result.output_path).write_text(edited)
    manager = later(project)
    plan = plan_update(manager, [result.output_path])
    assert outcomes(plan) == {file.output_path: "current" for file in result.files} | {
        result.output_path: outcome
    }
    plan.apply(manager)
    return (project / result.output_path).read_text()


@properties(60)
@given(example=st.sampled_from(EXAMPLES), data=st.data())
def test_an_edit_apart_from_the_template_change_is_merged_cleanly(tmp_path_factory, example, data):
    project, result = scaffold_example(tmp_path_factory, *example)
    lines = result.content.splitlines(keepends=True)
    if len(lines) < 6:
        return
    # The template's change: line `added` is new; the user's line goes two lines away.
    added = data.draw(st.integers(2, len(lines) - 1), label="added line")
    older = play_older_template(
        project, result.output_path, "".join(lines[:added] + lines[added + 1 :])
    )
    old_lines = older.splitlines(keepends=True)
    spots = [i for i in range(2, len(old_lines) + 1) if abs(i - added) >= 2]
    if not spots:
        return
    spot = data.draw(st.sampled_from(spots), label="user line")
    edited = "".join([*old_lines[:spot], f"{USER_LINE}\n", *old_lines[spot:]])
    merged = update_after_editing(project, result, edited, "merged").splitlines(keepends=True)
    theirs = read_record(project, result.output_path).content
    assert f"{USER_LINE}\n" in merged
    assert "".join(line for line in merged if line != f"{USER_LINE}\n") == theirs


@properties(40)
@given(example=st.sampled_from(EXAMPLES), data=st.data())
def test_an_edit_of_the_changed_line_conflicts_and_keeps_both(tmp_path_factory, example, data):
    project, result = scaffold_example(tmp_path_factory, *example)
    lines = result.content.splitlines(keepends=True)
    candidates = [i for i in range(2, len(lines)) if lines[i].strip()]
    if not candidates:
        return
    changed = data.draw(st.sampled_from(candidates), label="changed line")
    template_line = lines[changed].rstrip("\n")
    older = [*lines[:changed], f"{template_line} (as it was)\n", *lines[changed + 1 :]]
    older_text = play_older_template(project, result.output_path, "".join(older))
    mine = older_text.replace(" (as it was)\n", " (as I want it)\n", 1)
    text = update_after_editing(project, result, mine, "conflict")
    mine_at = text.index(f"{template_line} (as I want it)\n")
    assert text.index("<<<<<<< ") < mine_at < text.index("=======\n", mine_at)
    assert text.index(f"{template_line}\n", mine_at) < text.index(">>>>>>> ")


# --------------------------------------------------------------------------------------------
# What a file or a record may be found as
# --------------------------------------------------------------------------------------------


def test_a_record_moved_with_its_file_is_invalid_and_nothing_is_brought_back(order, project):
    (project / "src/models").mkdir()
    (project / "src/order.py").rename(project / "src/models/order.py")
    moved = record_target(project, "src/models/order.py")
    moved.parent.mkdir(parents=True)
    record_target(project, "src/order.py").rename(moved)
    plan = plan_update(later(project))
    assert outcomes(plan) == {"src/models/order.py": "invalid record"}
    assert plan.writes == ()


@pytest.mark.parametrize("kind", ["folder", "symbolic link"])
def test_a_folder_or_link_where_the_file_was_is_refused(order, project, kind):
    (project / "src/order.py").unlink()
    if kind == "folder":
        (project / "src/order.py").mkdir()
    else:
        (project / "src/order.py").symlink_to(project / "pyproject.toml")
    refusal = rf"src/order\.py is a {kind}, where scaffold"
    with pytest.raises(UpdateFailed, match=refusal) as failed:
        plan_update(later(project))
    assert failed.value.exit_code == 2


def test_a_file_holding_a_nul_byte_is_refused(order, project):
    play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    (project / "src/order.py").write_text("# \0\n")
    with pytest.raises(UpdateFailed, match=r"src/order\.py holds a NUL byte"):
        plan_update(later(project))


def test_a_path_outside_the_project_or_selecting_nothing_is_refused(order, project):
    with pytest.raises(InvalidInput, match=r"PATH '\.\./x'"):
        plan_update(later(project), ["../x"])
    with pytest.raises(InvalidInput, match=r"PATH 'src/ordr\.py': selects no"):
        plan_update(later(project), ["src/ordr.py"])


def test_records_are_never_written_through_a_linked_folder(tmp_path, project):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".scaffold").symlink_to(elsewhere)
    manager = ArtifactManager(project, clock=lambda: FIXED_TIME)
    with pytest.raises(UnsafeOutputPath, match=r"\.scaffold is a symbolic link"):
        manager.scaffold("dto", ORDER, output_path="src/order.py")
    assert list(elsewhere.iterdir()) == []
    assert not (project / "src/order.py").exists()


# --------------------------------------------------------------------------------------------
# Merging as users edit
# --------------------------------------------------------------------------------------------


def test_crlf_line_endings_merge_as_lines_and_stay(order, project):
    older = play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    edited = older.replace('"""Order: data transfer object."""', '"""Orders."""')
    (project / "src/order.py").write_bytes(edited.replace("\n", "\r\n").encode())
    manager = later(project)
    plan = plan_update(manager)
    assert outcomes(plan) == {"src/order.py": "merged"}
    plan.apply(manager)
    text = (project / "src/order.py").read_bytes().decode()
    assert text.count("\r\n") == text.count("\n")
    assert '"""Orders."""\r\n' in text
    assert "    total: int\r\n" in text


def test_an_edit_of_the_header_line_is_kept(order, project):
    older = play_older_template(project, "src/order.py", order.replace("    total: int\n", ""))
    header, _, body = older.partition("\n")
    (project / "src/order.py").write_text(f"{header}  # noqa: E501\n{body}")
    manager = later(project)
    plan = plan_update(manager)
    plan.apply(manager)
    assert "  # noqa: E501\n" in (project / "src/order.py").read_text()
    assert outcomes(plan)["src/order.py"] in {"merged", "conflict"}


def test_unresolved_markers_are_left_alone_however_the_template_changes(order, project):
    older = play_older_template(
        project, "src/order.py", order.replace("total: int", "total: float")
    )
    (project / "src/order.py").write_text(older.replace("total: float", "total: Decimal"))
    manager = later(project)
    plan_update(manager).apply(manager)
    conflicted = (project / "src/order.py").read_text()
    rewrite_record(project, "src/order.py", version_hash=OLD_HASH)
    fields = '[{"name": "total", "type": "int"}, {"name": "note", "type": "str"}]'
    plan = plan_update(manager, assignments=[f"fields={fields}"])
    assert outcomes(plan) == {"src/order.py": "conflict"}
    assert plan.writes == ()
    assert (project / "src/order.py").read_text() == conflicted


def test_the_project_git_configuration_applies(order, project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(
        ["git", "-C", str(project), "config", "merge.conflictStyle", "diff3"], check=True
    )
    older = play_older_template(
        project, "src/order.py", order.replace("total: int", "total: float")
    )
    (project / "src/order.py").write_text(older.replace("total: float", "total: Decimal"))
    manager = later(project)
    plan_update(manager).apply(manager)
    text = (project / "src/order.py").read_text()
    assert "||||||| src/order.py (as scaffold wrote it)\n    total: float\n" in text


# --------------------------------------------------------------------------------------------
# A multi-file artifact is updated as a whole
# --------------------------------------------------------------------------------------------


@pytest.fixture
def plugin(manager):
    """A plugin distribution scaffolded by ``artifact_plugin``: several files, one input."""
    return manager.scaffold("artifact_plugin", {"name": "foo_bar"})


def test_one_file_selects_every_file_of_its_artifact(plugin, project):
    manager = later(project)
    readme = next(file.output_path for file in plugin.files if file.output_path.endswith(".md"))
    plan = plan_update(manager, [readme], ["description=Brand new words."])
    assert set(outcomes(plan)) == {file.output_path for file in plugin.files}
    plan.apply(manager)
    contexts = {
        read_record(project, file.output_path).context["description"] for file in plugin.files
    }
    assert contexts == {"Brand new words."}
    assert set(outcomes(plan_update(manager)).values()) == {"current"}


def test_an_input_that_would_move_files_is_refused(plugin, project):
    with pytest.raises(UpdateFailed, match="no longer writes") as failed:
        plan_update(later(project), assignments=["name=baz_qux"])
    assert failed.value.exit_code == 2
    assert not (project / "scaffold-artifact-baz-qux").exists()
