"""The ``scaffold`` command: in-process for speed, as a subprocess where the process matters."""

import json
import os
import subprocess
import sys

import pytest

from scaffold_core.cli import main
from tests.installed import run


def test_new_worker_as_in_the_readme(project):
    result = run(
        "new", "worker", "-s", "name=OrderWorker", "-s", "layer=platform",
        "-o", "src/app/order_worker.py", cwd=project,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "src/app/order_worker.py\n"
    assert "class OrderWorker" in (project / "src/app/order_worker.py").read_text()


def test_new_dto_from_context_file(project):
    (project / "order.json").write_text(
        json.dumps({"name": "Order", "fields": [{"name": "order_id", "type": "int"}]})
    )
    result = run("new", "dto", "--context", "order.json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "src/dtos/order.py\n"


def test_invalid_input_exit_2_every_problem_no_traceback_nothing_written(project):
    result = run(
        "new", "dto", "-s", "name=order dto", "-s", 'fields=[{"name": "class"}]',
        "-s", "colour=red", "-s", "frozen=maybe", "-s", "template_id=dto", cwd=project,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "invalid input for artifact type 'dto' (6 problems)" in result.stderr
    for expected in (
        "frozen: a JSON value for this field",
        "name: expected a PascalCase class name",
        "fields.0.name: 'class' is a Python keyword",
        "fields.0.type: required field is missing",
        "colour: unknown field",
        "template_id: 'template_id' is system-managed",
    ):
        assert expected in result.stderr
    assert list(project.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "nope"], "unknown artifact type 'nope'"),
        (["new", "worker", "-s", "name=A", "-s", "layer=x", "-o", "/tmp/a.py"], "absolute"),
        (["new", "worker", "-s", "name=A", "-s", "layer=x", "-o", "../a.py"], "contains '..'"),
        (["new", "worker", "--context", "absent.yaml"], "cannot read the file"),
        (["new", "worker", "-s", "oops"], "-s: key=value"),
        (["schema", "nope"], "unknown artifact type"),
    ],
)
def test_user_errors_exit_2_without_writing(project, capsys, args, message):
    assert main(args) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.err.startswith("error: ")
    assert list(project.iterdir()) == []


def test_bad_flag_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["new", "--pipeline", "v3"])
    assert caught.value.code == 2
    assert "invalid choice: 'v3'" in capsys.readouterr().err


def test_existing_file_needs_force(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    args = ["new", "worker", "-s", "name=A", "-s", "layer=x", "-o", "a.py"]
    assert main(args) == 0
    (project / "a.py").write_text("mine\n")
    assert main(args) == 2
    assert "a.py already exists: pass --force" in capsys.readouterr().err
    assert (project / "a.py").read_text() == "mine\n"
    assert main([*args, "--force"]) == 0
    assert "class A" in (project / "a.py").read_text()


def test_dry_run_prints_and_writes_nothing(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["new", "worker", "-s", "name=A", "-s", "layer=x", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("would write src/x/workers/a.py:\n# scaffold: template=worker")
    assert list(project.iterdir()) == []


def test_context_from_stdin_with_overrides(project):
    result = run(
        "new", "worker", "--context", "-", "-s", "layer=jobs", "-C", str(project),
        cwd=project.parent, stdin="name: Mailer\nlayer: ignored\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "src/jobs/workers/mailer.py\n"


def test_schema_prints_json_schema_with_examples(capsys):
    assert main(["schema", "dto"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "DTOContext"
    assert set(schema["required"]) == {"name", "fields"}
    assert len(schema["examples"]) >= 3


def test_list_reports_broken_plugins_without_hiding_others(project, broken_site):
    result = run("list", "--json", cwd=project, site=broken_site)
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)["artifact_types"]}
    assert rows["dto"]["status"] == "ok"
    assert rows["note"] == {
        "id": "note",
        "kind": "persistent",
        "distribution": "acme-notes",
        "version": "2.0",
        "status": "ok",
        "reason": None,
        "template": "note/note.md.jinja2",
    }
    assert rows["explodes"]["status"] == "broken"
    assert rows["explodes"]["distribution"] == "acme-broken"
    assert "RuntimeError: this plugin is broken on purpose" in rows["explodes"]["reason"]


def test_list_table(project, broken_site):
    result = run("list", cwd=project, site=broken_site)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "KIND", "DISTRIBUTION", "VERSION", "STATUS"]
    assert any(line.split() == ["note", "persistent", "acme-notes", "2.0", "ok"] for line in lines)
    assert "broken: artifact type 'explodes' from acme-broken 0.3" in result.stdout


def test_new_with_broken_plugin_is_exit_1_naming_it(project, broken_site):
    result = run("new", "explodes", cwd=project, site=broken_site)
    assert result.returncode == 1
    assert "acme-broken 0.3" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_architecture_passes_on_bundled_and_fails_on_broken(project, broken_site):
    passing = run("validate-architecture", "dto", "worker", cwd=project)
    assert passing.returncode == 0, passing.stdout
    assert passing.stdout.splitlines()[-1] == "passed"
    failing = run("validate-architecture", "--json", cwd=project, site=broken_site)
    assert failing.returncode == 1
    report = json.loads(failing.stdout)
    assert report["passed"] is False
    (finding,) = report["findings"]
    assert finding["plugin"] == "explodes"
    assert finding["rule"] == "ARCH001"
    assert finding["distribution"] == "acme-broken"


def test_python_m_entry(project):
    result = subprocess.run(
        [sys.executable, "-m", "scaffold_core", "list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "worker" in result.stdout


def test_list_and_validate_architecture_in_process(capsys):
    assert main(["list"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["ID", "KIND", "DISTRIBUTION", "VERSION", "STATUS"]
    assert any(line.split()[:1] == ["dto"] and line.endswith("ok") for line in table)
    assert main(["validate-architecture"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "dto: ok" in out
    assert out[-1] == "passed"
    assert main(["validate-architecture", "--json", "worker"]) == 0
    assert json.loads(capsys.readouterr().out)["checked"] == ["worker"]


def test_validate_architecture_human_report_groups_by_plugin(project, broken_site):
    result = run("validate-architecture", cwd=project, site=broken_site)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "explodes: 1 finding(s)" in lines
    assert any(
        line.startswith("  error ARCH001 at explodes:XContext: cannot load 'explodes:XContext'")
        for line in lines
    )
    assert "note: ok" in lines
    assert lines[-1] == "failed"


DTO_ARGS = ("-s", "name=Order", "-s", 'fields=[{"name":"a","type":"int"}]')


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--context", ""), "argument --context: empty path"),
        (("--recipe", ""), "argument --recipe: empty path"),
        (("-o", "a.py", "-o", "b.py"), "argument -o/--output: given twice ('a.py' and 'b.py')"),
        (("--context", "a.json", "--context", "b.json"), "argument --context: given twice"),
    ],
)
def test_an_empty_path_or_an_option_given_twice_is_exit_2(project, args, expected):
    result = run("new", "dto", *DTO_ARGS, *args, cwd=project)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert list(project.iterdir()) == []


def shell(command: str, cwd, **env: str) -> subprocess.CompletedProcess[str]:
    """``command`` run by sh (for stream redirections), the installed scaffold as $S."""
    from tests.installed import SCAFFOLD  # noqa: PLC0415

    return subprocess.run(
        ["sh", "-c", command],
        cwd=cwd,
        env={**os.environ, "S": str(SCAFFOLD), **env},
        capture_output=True,
        text=True,
        check=False,
    )


SH_DTO = """$S new dto -s name=Order -s 'fields=[{"name":"a","type":"int"}]'"""


def test_closed_standard_input_is_exit_2(project):
    result = shell("$S new dto --context - <&-", project)
    assert result.returncode == 2
    assert "--context: a document, but standard input is closed" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_path_the_output_cannot_encode_is_escaped_not_a_traceback(project):
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    result = shell(f"{SH_DTO} -o é2.py", project, PYTHONIOENCODING="ascii")
    assert (result.returncode, result.stdout, result.stderr) == (0, "\\xe92.py\n", "")
    assert (project / "é2.py").is_file()


def test_closed_standard_output_still_writes_and_exits_0(project):
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    result = shell(f"{SH_DTO} -o x.py >&-", project)
    assert (result.returncode, result.stderr) == (0, "")
    assert (project / "x.py").is_file()


@pytest.mark.parametrize(
    "stage", ["scaffold_core.cli.parser.build_parser", "scaffold_core.cli._command"]
)
def test_ctrl_c_during_start_up_is_one_line_exit_130(monkeypatch, capsys, stage):
    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(stage, interrupted)
    assert main(["list"]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_new_imports_no_check_or_migration_it_does_not_use(tmp_path):
    """`scaffold new worker` pays for neither the architecture checks (jsonschema) nor the
    legacy-template migration: artifact_plugin imports them when it needs them."""
    script = (
        "import sys\n"
        "from scaffold_core.cli import main\n"
        f"code = main(['new', 'worker', '-s', 'name=OrderWorker', '-s', 'layer=orders',"
        f" '-C', {str(tmp_path)!r}])\n"
        "unused = ('jsonschema', 'scaffold_core.architecture', 'scaffold_core.migrate')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(unused)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 []"
