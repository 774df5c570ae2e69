"""``scaffold stats``: the figures, --since, --baseline, and --check on both sides of each limit.

The event logs here are synthetic (written through ``append_event``), so that each figure is
known exactly; one test summarises a log real ``scaffold new`` calls wrote.
"""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from scaffold_core.cli import main
from scaffold_core.operations.events import Event, EventLog, append_event
from scaffold_core.operations.recording import EVENTS_VARIABLE
from scaffold_core.operations.stats import parse_since, percentile, summarise

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "docs" / "schemas" / "stats.schema.json").read_text()
)
NOVEMBER = datetime(2026, 11, 10, 12, tzinfo=UTC)


def _event(
    duration: float = 10.0,
    outcome: str = "ok",
    *,
    categories: tuple[str, ...] = (),
    pipeline: str | None = "v2",
    artifact_type: str = "dto",
    time: datetime = NOVEMBER,
) -> Event:
    return Event(
        time=time,
        artifact_type=artifact_type,
        pipeline=pipeline,
        outcome=outcome,
        categories=categories,
        duration_ms=duration,
        via="cli",
        core_version="0.1.0",
        plugin="scaffold-artifact-dto",
        plugin_version="0.1.0",
    )


def _log(project: Path, events: list[Event]) -> None:
    log = EventLog(project)
    for event in events:
        append_event(log, event)


def _stats(project: Path, *options: str) -> int:
    return main(["stats", "-C", str(project), *options])


def _json(project: Path, capsys: pytest.CaptureFixture[str], *options: str) -> dict:
    capsys.readouterr()
    code = _stats(project, "--json", *options)
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    document["exit"] = code
    return document


@pytest.mark.parametrize(("failures", "expected"), [(49, 0), (51, 1)])
def test_check_fails_above_five_percent_errors(project, capsys, failures, expected):
    # 4.9 % and 5.1 % of 1,000 calls; user errors are not counted as errors.
    outcomes = ["template_bug", "internal_error", "environment_error"]
    _log(
        project,
        [_event(outcome=outcomes[n % 3], categories=("x",)) for n in range(failures)]
        + [_event(outcome="user_error", categories=("missing",)) for _ in range(100)]
        + [_event() for _ in range(900 - failures)],
    )
    capsys.readouterr()
    assert _stats(project, "--check") == expected
    out = capsys.readouterr().out
    if expected:
        assert f"check failed: error rate {failures / 10:.1f}% is above 5%" in out
    else:
        assert "check passed" in out


@pytest.mark.parametrize(("ratio", "expected"), [(1.29, 0), (1.31, 1)])
def test_check_fails_past_thirty_percent_above_the_baseline_p95(project, capsys, ratio, expected):
    _log(project, [_event(100.0) for _ in range(20)] + [_event(50.0, pipeline="v1")])
    assert _stats(project, "--baseline") == 0
    baseline = json.loads((project / ".scaffold/events/baseline.json").read_text())
    assert [(r["type"], r["pipeline"], r["p95_ms"]) for r in baseline["rows"]] == [
        ("dto", "v1", 50.0),
        ("dto", "v2", 100.0),
    ]
    later = NOVEMBER + timedelta(days=1)
    _log(project, [_event(100.0 * ratio, time=later) for _ in range(20)])
    _log(project, [_event(50.0, pipeline="v1", time=later)])
    capsys.readouterr()
    assert _stats(project, "--check", "--since", later.isoformat()) == expected
    out = capsys.readouterr().out
    if expected:
        assert (
            "check failed: dto on v2: p95 131.000 ms is 1.3100x the baseline 100.000 ms,"
            " above the limit 1.30x = 130.000 ms"
        ) in out
        assert "dto on v1" not in out
    else:
        assert "check passed" in out


def test_a_row_without_a_baseline_is_not_checked(project, capsys):
    _log(project, [_event(1000.0, artifact_type="worker")])
    assert _stats(project, "--check") == 0
    assert "check passed" in capsys.readouterr().out


def test_check_json_names_each_failure(project, capsys):
    _log(project, [_event(outcome="template_bug", categories=("template_failed",))])
    document = _json(project, capsys, "--check")
    assert document["exit"] == 1
    assert document["check"]["ok"] is False
    [failure] = document["check"]["failures"]
    assert failure.startswith("error rate 100.0% is above 5%")


def test_no_events_is_said_and_checks_pass(project, capsys):
    assert _stats(project, "--check") == 0
    out = capsys.readouterr().out
    assert "no events logged in" in out
    assert f"{EVENTS_VARIABLE}=1" in out
    assert "nothing to check" in out
    assert _stats(project, "--baseline") == 0
    assert "no baseline recorded" in capsys.readouterr().out
    assert not (project / ".scaffold/events/baseline.json").exists()


def test_since_counts_only_later_calls(project, capsys):
    october = datetime(2026, 10, 31, 23, 59, tzinfo=UTC)
    _log(project, [_event(time=october), _event(time=october), _event()])
    assert _json(project, capsys)["events"] == 3
    document = _json(project, capsys, "--since", "2026-11-01")
    assert (document["events"], document["since"]) == (1, "2026-11-01T00:00:00Z")
    # An offset is honoured: 00:30 at +01:00 is 23:30 UTC, before the October calls' minute.
    assert _json(project, capsys, "--since", "2026-11-01T00:30+01:00")["events"] == 3


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "11/01/2026", ""])
def test_a_bad_since_is_exit_2_naming_it(project, capsys, value):
    assert _stats(project, "--since", value) == 2
    assert f"--since {value!r} is not an ISO date" in capsys.readouterr().err


def test_since_reads_dates_and_times_as_utc_unless_they_say():
    assert parse_since("2026-11-01") == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since("2026-11-01T09:30") == datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    assert parse_since("2026-11-01T09:30Z") == datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


def test_baseline_and_check_go_separately(project, capsys):
    with pytest.raises(SystemExit) as stopped:
        _stats(project, "--baseline", "--check")
    assert stopped.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_figures(project, capsys):
    _log(
        project,
        [_event(float(n)) for n in range(1, 21)]
        + [_event(7.0, pipeline="v1")]
        + [_event(outcome="user_error", categories=("missing", "type"))]
        + [_event(outcome="user_error", categories=("missing",), pipeline="v1")]
        + [_event(outcome="template_bug", categories=("output_check_failed",))],
    )
    document = _json(project, capsys)
    assert document["events"] == 24
    assert document["outcomes"] == {
        "ok": 21,
        "user_error": 2,
        "template_bug": 1,
        "environment_error": 0,
        "internal_error": 0,
    }
    assert document["success_rate"] == round(21 / 24, 4)
    assert document["error_rate"] == round(1 / 24, 4)
    assert document["errors_by_category"] == {
        "user_input": {"missing": 2, "type": 1},
        "schema_issue": {"output_check_failed": 1},
    }
    assert document["durations"] == [
        {"type": "dto", "pipeline": "v1", "calls": 1, "p50_ms": 7.0, "p95_ms": 7.0,
         "baseline_p95_ms": None},
        {"type": "dto", "pipeline": "v2", "calls": 20, "p50_ms": 10.0, "p95_ms": 19.0,
         "baseline_p95_ms": None},
    ]  # fmt: skip
    assert document["v2_adoption"] == round(22 / 24, 4)
    assert document["check"] is None


def test_rotated_files_are_read_and_torn_lines_counted(project, capsys):
    folder = project / ".scaffold/events"
    folder.mkdir(parents=True)
    line = json.dumps(_event().as_json())
    (folder / "events.2.jsonl").write_text(f"{line}\n{line}\n")
    (folder / "events.1.jsonl").write_text(f"{line}\n{line[:40]}\n")
    (folder / "events.jsonl").write_text(f"{line}\n")
    document = _json(project, capsys)
    assert (document["events"], document["skipped_lines"]) == (4, 1)
    assert _stats(project) == 0
    assert "events: 4 (1 torn or unreadable line skipped)" in capsys.readouterr().out


def _month(year: int, month: int, v1_calls: int, defects: int = 0) -> list[Event]:
    time = datetime(year, month, 15, tzinfo=UTC)
    v2 = [_event(time=time) for _ in range(100 - v1_calls - defects)]
    bugs = [_event(outcome="internal_error", categories=("key_error",), time=time)] * defects
    return v2 + bugs + [_event(pipeline="v1", time=time)] * v1_calls


def test_the_v1_removal_criteria_are_read_per_month():
    events = (
        _month(2026, 8, 2)
        + _month(2026, 9, 4)
        + _month(2026, 10, 5)
        + _month(2026, 11, 6)  # 94 % on v2: the criteria fail
        + _month(2026, 12, 1)
        + _month(2027, 1, 0)
        + _month(2027, 2, 3)
    )
    summary = summarise(events)
    assert [row.meets_removal_criteria for row in summary.months] == [1, 1, 1, 0, 1, 1, 1]
    assert summary.months_meeting_removal_criteria == 3
    with_a_defect = summarise(events + _month(2026, 12, 0, defects=1))
    assert with_a_defect.months[4].v2_defects == 1
    assert with_a_defect.months_meeting_removal_criteria == 2  # January and February
    gap = summarise(_month(2026, 8, 0) + _month(2026, 10, 0))  # no call in September
    assert gap.months_meeting_removal_criteria == 1


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.95)) == (50.0, 95.0)
    assert percentile([3.0], 0.95) == 3.0
    assert percentile([1.0, 2.0], 0.5) == 1.0


def test_a_log_written_by_real_calls_is_summarised(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    monkeypatch.setenv(EVENTS_VARIABLE, "1")
    fields = '[{"name": "a", "type": "int"}]'
    assert main(["new", "dto", "-s", "name=Order", "-s", f"fields={fields}"]) == 0
    assert main(["new", "dto", "-s", "name=order"]) == 2
    assert (
        main(["new", "dto", "--pipeline", "v1", "-s", "name=Other", "-s", f"fields={fields}"]) == 0
    )
    document = _json(project, capsys)
    assert document["events"] == 3
    assert document["outcomes"]["ok"] == 2
    assert document["errors_by_category"]["user_input"] == {"missing": 1, "value": 1}
    assert [(r["type"], r["pipeline"]) for r in document["durations"]] == [
        ("dto", "v1"),
        ("dto", "v2"),
    ]


def test_a_baseline_that_cannot_be_written_is_one_error(project, capsys):
    _log(project, [_event()])
    (project / ".scaffold/events/baseline.json").mkdir()
    assert _stats(project, "--baseline") == 1
    assert "error: cannot record the baseline in" in capsys.readouterr().err


def test_a_baseline_file_that_is_not_one_is_exit_2(project, capsys):
    _log(project, [_event()])
    (project / ".scaffold/events/baseline.json").write_text('{"rows": [{"type": "dto"}]}')
    assert _stats(project, "--check") == 2
    assert "is not a baseline (not the keys recorded, since, rows): record it again" in (
        capsys.readouterr().err
    )


def test_a_broken_baseline_is_replaced_by_baseline(project):
    _log(project, [_event(20.0)])
    (project / ".scaffold/events/baseline.json").write_text("{torn")
    assert _stats(project, "--baseline") == 0
    assert _stats(project, "--check") == 0


def test_foreign_lines_never_reach_the_figures(project, capsys):
    _log(project, [_event(10.0)])
    good = _event().as_json()
    foreign = [
        json.dumps(good | {"duration_ms": float("nan")}),
        json.dumps(good | {"duration_ms": 1e308}),
        json.dumps(good | {"pipeline": "v3"}),
        json.dumps(good | {"outcome": "user_error", "categories": ["Bad Cat"]}),
        json.dumps(good | {"time": "0001-01-01T00:00:00+01:00"}),
        "[" * 100_000 + "]" * 100_000,
    ]
    with (project / ".scaffold/events/events.jsonl").open("a") as stream:
        stream.writelines(f"{line}\n" for line in foreign)
    document = _json(project, capsys)  # valid against the schema, no NaN
    assert (document["events"], document["skipped_lines"]) == (1, len(foreign))
    assert document["durations"][0]["p95_ms"] == 10.0


@pytest.mark.parametrize("option", [(), ("--json",)])
def test_a_since_beyond_utc_is_exit_2(project, capsys, option):
    _log(project, [_event()])
    assert _stats(project, "--since", "0001-01-01T00:00+01:00", *option) == 2
    captured = capsys.readouterr()
    assert "0001-01-01T00:00+01:00" in captured.out + captured.err


def test_since_is_shown_in_utc_alike_in_text_and_json(project, capsys):
    _log(project, [_event()])
    assert _json(project, capsys, "--since", "2026-11-01T00:30+01:00")["since"] == (
        "2026-10-31T23:30:00Z"
    )
    assert _stats(project, "--since", "2026-11-01T00:30+01:00") == 0
    assert "events: 1 since 2026-10-31T23:30:00Z" in capsys.readouterr().out


ROW = {"type": "dto", "pipeline": "v2", "calls": 3, "p50_ms": 10.0, "p95_ms": 20.0}


@pytest.mark.parametrize(
    "rows",
    [
        '[{"type": "dto", "pipeline": "v2", "calls": 3, "p50_ms": 1, "p95_ms": NaN}]',
        '[{"type": "dto", "pipeline": "v2", "calls": 3, "p50_ms": 1, "p95_ms": 1e400}]',
        json.dumps([ROW | {"p95_ms": -1}]),
        json.dumps([ROW | {"p50_ms": 0, "p95_ms": 0}]),
        json.dumps([ROW | {"p95_ms": True}]),
        json.dumps([ROW | {"pipeline": "v3"}]),
        json.dumps([ROW | {"calls": 0}]),
        json.dumps([ROW, ROW]),
    ],
)
def test_a_baseline_the_writer_would_not_write_is_exit_2(project, capsys, rows):
    _log(project, [_event()])
    text = f'{{"recorded": "2026-11-30T00:00:00Z", "since": null, "rows": {rows}}}'
    (project / ".scaffold/events/baseline.json").write_text(text)
    assert _stats(project, "--check") == 2
    assert "is not a baseline (" in capsys.readouterr().err


def test_monthly_and_overall_adoption_share_one_definition(project, capsys):
    refused = [_event(pipeline=None) for _ in range(10)]
    _log(project, [_event() for _ in range(95)] + [_event(pipeline="v1")] * 5 + refused)
    document = _json(project, capsys)
    assert document["v2_adoption"] == 0.95
    assert document["months"][0]["v2_adoption"] == 0.95
    assert document["months"][0]["meets_removal_criteria"] is True


def test_a_log_of_torn_lines_says_so(project, capsys):
    folder = project / ".scaffold/events"
    folder.mkdir(parents=True)
    (folder / "events.jsonl").write_text('{"time": "2026-11-30T00:0\n{"ty\n')
    assert _stats(project) == 0
    out = capsys.readouterr().out
    assert "(2 torn or unreadable lines skipped)" in out
    assert "turn the log on" not in out


def test_a_p95_just_above_the_limit_never_reads_as_the_limit(project, capsys):
    _log(project, [_event(100.0)])
    assert _stats(project, "--baseline") == 0
    later = NOVEMBER + timedelta(days=1)
    _log(project, [_event(130.001, time=later)])
    capsys.readouterr()
    assert _stats(project, "--check", "--since", later.isoformat()) == 1
    out = capsys.readouterr().out
    assert "p95 130.001 ms is 1.3001x the baseline 100.000 ms" in out
    assert "limit 1.30x = 130.000 ms" in out
    assert "130.0 (1.3001x, above 1.30x)" not in out
    assert "100.0 (1.3001x, above 1.30x)" in out
