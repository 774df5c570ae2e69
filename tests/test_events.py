"""The opt-in event log: when it is on, what a line holds (never a value), rotation, safety."""

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scaffold_core import notes
from scaffold_core.agents.tools import ProjectTools
from scaffold_core.cli import main
from scaffold_core.errors import (
    BadOption,
    InvalidInput,
    OutputCheckFailed,
    OutputExists,
    PluginUnavailable,
    Problem,
    RecipeFailed,
    TemplateFailed,
    UnknownArtifactType,
    WriteFailed,
)
from scaffold_core.manager import ArtifactManager
from scaffold_core.operations import events
from scaffold_core.operations import recording as recording_module
from scaffold_core.operations.events import Event, EventLog, append_event, read_events
from scaffold_core.operations.outcomes import classify
from scaffold_core.operations.recording import EVENTS_VARIABLE, events_enabled, recording
from scaffold_core.validate.problems import MISSING

SECRET_NAME = "ZebraQuartzOrder"
SECRET_FIELD = "xylophone_total"
SECRET_PATH = "src/hidden_kumquat/order.py"
DTO = ["-s", f"name={SECRET_NAME}", "-s", f'fields=[{{"name": "{SECRET_FIELD}", "type": "int"}}]']
KEYS = [
    "time",
    "type",
    "pipeline",
    "outcome",
    "categories",
    "duration_ms",
    "via",
    "core_version",
    "plugin",
    "plugin_version",
]


@pytest.fixture(autouse=True)
def fresh_notes(monkeypatch):
    """Each test starts as a new process would: no note written yet."""
    monkeypatch.setattr(notes, "_written", set())


@pytest.fixture
def logging_project(project, monkeypatch):
    """A project whose pyproject.toml turns the log on, as the working folder."""
    (project / "pyproject.toml").write_text("[tool.scaffold]\nevents = true\n")
    monkeypatch.chdir(project)
    monkeypatch.delenv(EVENTS_VARIABLE, raising=False)
    return project


def _lines(project: Path) -> list[dict[str, object]]:
    path = project / ".scaffold/events/events.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_the_log_is_off_unless_turned_on(project, monkeypatch):
    monkeypatch.chdir(project)
    monkeypatch.delenv(EVENTS_VARIABLE, raising=False)
    assert main(["new", "dto", *DTO]) == 0
    assert not (project / ".scaffold/events").exists()


def test_a_successful_call_is_one_line_of_the_documented_shape(logging_project):
    assert main(["new", "dto", *DTO, "-o", SECRET_PATH]) == 0
    [line] = _lines(logging_project)
    assert list(line) == KEYS
    assert line["type"] == "dto"
    assert (line["pipeline"], line["outcome"], line["categories"]) == ("v2", "ok", [])
    assert (line["via"], line["plugin"]) == ("cli", "scaffold-artifact-dto")
    assert isinstance(line["duration_ms"], float)
    assert line["duration_ms"] > 0
    assert datetime.fromisoformat(str(line["time"])).tzinfo is not None


def test_no_value_nor_path_of_the_input_is_ever_logged(logging_project):
    (logging_project / "src/hidden_kumquat").mkdir(parents=True)
    (logging_project / SECRET_PATH).write_text("mine\n")
    main(["new", "dto", *DTO, "-o", SECRET_PATH])  # exists: a user error
    main(["new", "dto", "-s", f"name={SECRET_NAME.lower()}", "-s", f"{SECRET_FIELD}=1"])
    main(["new", "dto", *DTO, "--pipeline", "v1", "-o", "src/other.py"])
    main(["new", f"{SECRET_NAME}_type", *DTO])  # an unknown type is logged as null
    text = (logging_project / ".scaffold/events/events.jsonl").read_text()
    assert len(text.splitlines()) == 4
    for secret in (SECRET_NAME, SECRET_NAME.lower(), SECRET_FIELD, "hidden_kumquat", "other"):
        assert secret not in text


def test_outcomes_and_categories_come_from_the_error(logging_project):
    main(["new", "dto", "-s", "name=not pascal", "-s", "bogus=1", "-s", "frozen=[1]"])
    main(["new", "dtoo"])
    main(["new", "dto", *DTO, "--pipeline", "v1"])
    lines = _lines(logging_project)
    assert [(x["outcome"], x["categories"]) for x in lines] == [
        ("user_error", ["missing", "type", "unknown_field", "value"]),
        ("user_error", ["unknown_artifact_type"]),
        ("ok", []),
    ]
    assert (lines[1]["type"], lines[1]["plugin"]) == (None, None)
    assert lines[2]["pipeline"] == "v1"


@pytest.mark.parametrize(
    ("error", "outcome", "categories"),
    [
        (None, "ok", ()),
        (InvalidInput("x", [Problem("a", "", MISSING)]), "user_error", ("missing",)),
        (InvalidInput("x", [Problem("-s", "'a'", "key=value")]), "user_error", ("syntax",)),
        (
            InvalidInput("x", [Problem("a", "", "required by the legacy (v1) template 't'")]),
            "user_error",
            ("missing",),
        ),
        (
            InvalidInput("x", [Problem("a", "", "given twice with -s")]),
            "user_error",
            ("duplicate",),
        ),
        (UnknownArtifactType("x", []), "user_error", ("unknown_artifact_type",)),
        (OutputExists("x"), "user_error", ("output_exists",)),
        (BadOption("x"), "user_error", ("bad_option",)),
        (TemplateFailed("x"), "template_bug", ("template_failed",)),
        (OutputCheckFailed("x"), "template_bug", ("output_check_failed",)),
        (PluginUnavailable("x"), "template_bug", ("plugin_unavailable",)),
        (WriteFailed("x"), "environment_error", ("write_failed",)),
        (KeyError("x"), "internal_error", ("key_error",)),
    ],
)
def test_classify(error, outcome, categories):
    assert classify(error) == (outcome, categories)


def test_a_batch_is_its_worst_failure_with_its_categories():
    batch = RecipeFailed(
        [
            ("1", OutputExists("x")),
            ("2", TemplateFailed("x")),
            ("3", OutputCheckFailed("x")),
        ]
    )
    assert classify(batch) == ("template_bug", ("output_check_failed", "template_failed"))


def test_the_variable_overrides_the_setting(capsys):
    assert events_enabled(setting=False, environ={EVENTS_VARIABLE: "1"}) is True
    assert events_enabled(setting=True, environ={EVENTS_VARIABLE: "0"}) is False
    assert events_enabled(setting=True, environ={}) is True
    assert events_enabled(setting=False, environ={EVENTS_VARIABLE: "yes"}) is False
    assert "SCAFFOLD_EVENTS='yes' ignored" in capsys.readouterr().err


def test_the_variable_turns_it_on_without_the_setting(project, monkeypatch):
    monkeypatch.chdir(project)
    monkeypatch.setenv(EVENTS_VARIABLE, "1")
    assert main(["new", "dto", *DTO]) == 0
    assert len(_lines(project)) == 1


def test_the_variable_turns_it_off_despite_the_setting(logging_project, monkeypatch):
    monkeypatch.setenv(EVENTS_VARIABLE, "0")
    assert main(["new", "dto", *DTO]) == 0
    assert not (logging_project / ".scaffold/events").exists()


def test_a_setting_that_is_not_a_boolean_is_refused(project, monkeypatch, capsys):
    (project / "pyproject.toml").write_text('[tool.scaffold]\nevents = "yes"\n')
    monkeypatch.chdir(project)
    assert main(["new", "dto", *DTO]) == 2
    assert "[tool.scaffold].events: true or false" in capsys.readouterr().err


def test_each_recipe_step_is_a_line(logging_project):
    recipe = {
        "artifacts": [
            {
                "type": "dto",
                "context": {"name": "Order", "fields": [{"name": "a", "type": "int"}]},
            },
            {"type": "worker", "context": {"name": "bad name", "layer": "orders"}},
        ]
    }
    (logging_project / "recipe.json").write_text(json.dumps(recipe))
    assert main(["new", "--recipe", "recipe.json"]) == 2
    lines = _lines(logging_project)
    assert [(x["type"], x["outcome"], x["via"]) for x in lines] == [
        ("dto", "ok", "recipe"),
        ("worker", "user_error", "recipe"),
    ]


def test_the_mcp_scaffold_tool_logs_its_calls(logging_project):
    tools = ProjectTools(logging_project)
    tools.scaffold("dto", {"name": "Order", "fields": [{"name": "a", "type": "int"}]})
    with pytest.raises(InvalidInput):
        tools.scaffold("dto", {"name": "Order"})
    lines = _lines(logging_project)
    assert [(x["outcome"], x["via"]) for x in lines] == [("ok", "mcp"), ("user_error", "mcp")]


def test_a_log_that_cannot_be_written_never_fails_the_call(logging_project, capsys):
    (logging_project / ".scaffold").mkdir()
    (logging_project / ".scaffold/events").write_text("a file where the folder would be")
    assert main(["new", "dto", *DTO]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith("scaffold: event not logged in ")
    assert (logging_project / "src/dtos/zebra_quartz_order.py").is_file()


def _event(duration: float, outcome: str = "ok") -> Event:
    return Event(
        time=datetime(2026, 11, 30, tzinfo=UTC),
        artifact_type="dto",
        pipeline="v2",
        outcome=outcome,
        categories=(),
        duration_ms=duration,
        via="cli",
        core_version="0",
        plugin="p",
        plugin_version="1",
    )


def test_the_log_is_rotated_and_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(events, "MAX_BYTES", 1000)
    log = EventLog(tmp_path)
    for number in range(200):
        append_event(log, _event(number))
    names = sorted(path.name for path in log.folder.iterdir())
    rotated = [f"events.{n}.jsonl" for n in range(1, events.KEEP + 1)]
    assert names == sorted(["events.jsonl", "events.lock", *rotated])
    assert all(path.stat().st_size < 1000 + 300 for path in log.folder.glob("*.jsonl"))
    read = read_events(log)
    durations = [event.duration_ms for event in read.events]
    assert read.skipped == 0
    assert durations == sorted(durations)  # oldest file first
    assert durations[-1] == 199  # the newest kept, the oldest dropped
    assert len(durations) < 200


def test_a_torn_or_foreign_line_is_skipped_and_counted(tmp_path):
    log = EventLog(tmp_path)
    append_event(log, _event(1))
    with log.path.open("a") as stream:
        stream.write('{"time": "2026-11-30T00:00:00Z", "type": "dto", "pipel\n')
        stream.write("not json at all\n")
        stream.write('{"outcome": "ok"}\n')
    append_event(log, _event(2))
    read = read_events(log)
    assert [event.duration_ms for event in read.events] == [1, 2]
    assert read.skipped == 3


WRITER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from scaffold_core.operations import events
events.MAX_BYTES = 4000
events.KEEP = 10_000
log = events.EventLog(Path(sys.argv[1]))
process = int(sys.argv[2])
for number in range({lines}):
    event = events.Event(datetime.now(UTC), "dto", "v2", "ok", (), process * 1000 + number,
                         "cli", "0", "p", "1")
    events.append_event(log, event)
"""


def test_concurrent_processes_lose_and_tear_no_line(tmp_path):
    processes, lines = 4, 150
    script = textwrap.dedent(WRITER.format(lines=lines))
    running = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path), str(process)])
        for process in range(processes)
    ]
    assert [each.wait(timeout=120) for each in running] == [0] * processes
    read = read_events(EventLog(tmp_path))
    assert read.skipped == 0
    found = sorted(event.duration_ms for event in read.events)
    assert found == sorted(p * 1000.0 + n for p in range(processes) for n in range(lines))
    assert len(list((tmp_path / ".scaffold/events").glob("events.*.jsonl"))) > 1


def test_scaffold_new_does_not_import_the_log_when_it_is_off(project):
    code = (
        "import sys; from scaffold_core.cli import main;"
        f" code = main(['new', 'dto', *{DTO!r}]);"
        " print(code, 'scaffold_core.operations.events' in sys.modules)"
    )
    environment = {"PATH": "", "SCAFFOLD_NO_CACHE": "1", "HOME": str(project)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    assert done.stdout.split()[-2:] == ["0", "False"]


def test_time_paused_for_a_person_is_not_the_calls(logging_project, monkeypatch):
    clock = iter([10.0, 11.0, 71.0, 71.5])  # start, pause, resume (a minute typing), end
    monkeypatch.setattr(recording_module.time, "perf_counter", lambda: next(clock))
    manager = ArtifactManager(logging_project)
    with recording(manager, "dto", None, via="cli") as call, call.paused():
        pass
    [line] = _lines(logging_project)
    assert line["duration_ms"] == 1500.0


def test_a_bug_in_logging_never_fails_the_call(logging_project, monkeypatch, capsys):
    def broken(error):
        raise RuntimeError("classifier bug")

    monkeypatch.setattr("scaffold_core.operations.outcomes.classify", broken)
    assert main(["new", "dto", *DTO]) == 0
    assert capsys.readouterr().err == (
        "scaffold: event not logged: RuntimeError: classifier bug\n"
    )
    assert main(["new", "dtoo"]) == 2  # the call's own error stays the one reported
    assert "unknown artifact type 'dtoo'" in capsys.readouterr().err


GOOD_LINE = json.dumps(_event(1.0).as_json(), separators=(",", ":"))


def _foreign(**changes: object) -> str:
    return json.dumps(json.loads(GOOD_LINE) | changes)


@pytest.mark.parametrize(
    "line",
    [
        _foreign(duration_ms=float("nan")),  # json.dumps writes NaN
        _foreign(duration_ms=float("inf")),
        _foreign(duration_ms=-5),
        _foreign(duration_ms=1e308),
        _foreign(duration_ms=True),
        _foreign(pipeline="v3"),
        _foreign(outcome="user_error", categories=["Bad Cat"]),
        _foreign(outcome="user_error", categories=["value", "missing"]),  # not sorted
        _foreign(categories=["missing"]),  # ok has no category
        _foreign(via="email"),
        _foreign(time="0001-01-01T00:00:00+01:00"),
        _foreign(time="9999-12-31T23:59:00-01:00"),
        _foreign(time="2026-13-01T00:00:00.000Z"),
        _foreign(extra=1),
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 2000 + "1" + "}" * 2000,
        "x" * 5000,
    ],
)
def test_a_line_the_writer_would_not_write_is_skipped_and_counted(tmp_path, line):
    log = EventLog(tmp_path)
    append_event(log, _event(1))
    with log.path.open("a") as stream:
        stream.write(line + "\n")
    append_event(log, _event(2))
    read = read_events(log)
    assert [event.duration_ms for event in read.events] == [1, 2]
    assert read.skipped == 1


def test_the_writer_refuses_what_the_reader_would(tmp_path):
    with pytest.raises(ValueError, match="pipeline"):
        Event(datetime.now(UTC), "dto", "v3", "ok", (), 1.0, "cli", "0", None, None)
    with pytest.raises(ValueError, match="duration"):
        _event(float("nan"))
    assert classify(type("Ärger", (Exception,), {})()) == ("internal_error", ("error_rger",))


def test_a_line_after_a_torn_one_is_not_glued_to_it(tmp_path):
    log = EventLog(tmp_path)
    append_event(log, _event(1))
    with log.path.open("a") as stream:
        stream.write('{"time": "2026-11-30T00:00:00Z", "ty')  # a full disk, no newline
    append_event(log, _event(2))
    append_event(log, _event(3))
    read = read_events(log)
    assert [event.duration_ms for event in read.events] == [1, 2, 3]
    assert read.skipped == 1
    assert log.path.read_bytes().endswith(b"\n")


@pytest.mark.parametrize("link", ["file", "folder"])
def test_the_log_is_never_written_through_a_symbolic_link(logging_project, tmp_path, capsys, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = logging_project / ".scaffold/events"
    if link == "file":
        folder.mkdir(parents=True)
        (folder / "events.jsonl").symlink_to(outside / "events.jsonl")
    else:
        (logging_project / ".scaffold").mkdir()
        folder.symlink_to(outside, target_is_directory=True)
    assert main(["new", "dto", *DTO]) == 0
    assert main(["new", "dto", *DTO, "-o", "src/second.py"]) == 0
    assert list(outside.iterdir()) == []
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1  # once per process
    assert err[0].startswith("scaffold: event not logged in ")
    assert "symbolic link" in err[0]


def _recipe(project: Path, steps: int) -> None:
    context = {"name": "Order", "fields": [{"name": "a", "type": "int"}]}
    artifacts = [{"type": "dto", "context": context | {"name": f"Order{n}"}} for n in range(steps)]
    (project / "recipe.json").write_text(json.dumps({"artifacts": artifacts}))


def test_an_unwritable_log_is_one_note_for_a_whole_recipe(logging_project, capsys):
    (logging_project / ".scaffold").mkdir()
    (logging_project / ".scaffold/events").write_text("a file where the folder would be")
    _recipe(logging_project, 3)
    assert main(["new", "--recipe", "recipe.json"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith("scaffold: event not logged in ")


def test_a_bad_variable_is_one_note_for_a_whole_recipe(logging_project, monkeypatch, capsys):
    monkeypatch.setenv(EVENTS_VARIABLE, "yes")
    _recipe(logging_project, 3)
    assert main(["new", "--recipe", "recipe.json"]) == 0
    assert capsys.readouterr().err == (
        "scaffold: SCAFFOLD_EVENTS='yes' ignored: use 1 (log each call) or 0 (do not)\n"
    )
    assert len(_lines(logging_project)) == 3  # the project's setting decided


def test_under_json_no_note_reaches_standard_error(logging_project, monkeypatch, capsys):
    (logging_project / ".scaffold").mkdir()
    (logging_project / ".scaffold/events").write_text("a file where the folder would be")
    monkeypatch.setenv(EVENTS_VARIABLE, "yes")
    assert main(["new", "dtoo", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.err == ""
    assert json.loads(captured.out)["error"] == "UnknownArtifactType"
    assert main(["new", "dto", *DTO, "--json"]) == 0
    assert capsys.readouterr().err == ""
