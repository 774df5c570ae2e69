"""A plugin author's ordinary mistakes are findings and messages, never tracebacks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_core import ArtifactRegistry
from scaffold_core.cli import checks, main
from tests.installed import FIXTURE_PLUGINS, run, write_distribution

PLUGIN = '''\
from typing import ClassVar

from scaffold_schemas import BaseContext, BaseRenderContext


class SloppyContext(BaseContext):
    """A plugin whose template the test chooses."""

    default_output_path: ClassVar[str | None] = "sloppy.py"

    name: str


class SloppyRenderContext(SloppyContext, BaseRenderContext):
    """What the template receives."""
'''
UNCLOSED_IF = 'x = 1\n{% if name %}\nname = "{{ name }}"\n'


def sloppy_site(tmp_path: Path, template: str, legacy: str | None = None) -> Path:
    """A site with the plugin ``sloppy`` (``template``, optional v1) and ``note``."""
    site = tmp_path / "site"
    folder = site / "sloppy" / "templates"
    folder.mkdir(parents=True)
    (site / "sloppy" / "__init__.py").write_text(PLUGIN)
    (folder / "sloppy.py.jinja2").write_text(template)
    if legacy is not None:
        (folder / "sloppy.v1.py.jinja2").write_text(legacy)
    write_distribution(
        site, "acme-sloppy", "0.1", {"scaffold.artifacts": {"sloppy": "sloppy:SloppyContext"}}
    )
    write_distribution(
        site, "acme-notes", "2.0", {"scaffold.artifacts": {"note": "breakers:NoteContext"}}
    )
    return site


def test_validate_architecture_reports_a_syntax_error_as_arch005_with_line(tmp_path):
    site = sloppy_site(tmp_path, UNCLOSED_IF)
    done = run("validate-architecture", "--json", "sloppy", "note", cwd=tmp_path, site=site)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    [found] = json.loads(done.stdout)["findings"]
    assert (found["rule"], found["plugin"], found["location"]) == (
        "ARCH005",
        "sloppy",
        "sloppy/sloppy.py.jinja2:3",
    )
    assert found["message"].startswith("the template does not parse: Unexpected end of template")


def test_list_reports_a_plugin_whose_template_does_not_parse_as_broken(tmp_path):
    site = sloppy_site(tmp_path, "x = 1\n", legacy="{{ name }\n")
    done = run("list", "--json", cwd=tmp_path, site=site)
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in json.loads(done.stdout)["artifact_types"]}
    assert rows["note"]["status"] == "ok"
    assert rows["sloppy"]["status"] == "broken"
    assert rows["sloppy"]["reason"] == (
        "template 'sloppy/sloppy.v1.py.jinja2' does not parse at line 1: unexpected '}'"
    )


def test_templates_stats_measures_the_others_and_names_the_broken_one(tmp_path):
    site = sloppy_site(tmp_path, UNCLOSED_IF)
    write_distribution(
        site, "acme-broken", "0.3", {"scaffold.artifacts": {"explodes": "explodes:XContext"}}
    )
    done = run("templates", "--stats", cwd=tmp_path, site=site)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert any(line.startswith("note ") for line in done.stdout.splitlines())
    assert (
        "broken: artifact type 'sloppy': template 'sloppy/sloppy.py.jinja2' does not parse"
        " at line 3: Unexpected end of template" in done.stdout
    )
    assert "broken: artifact type 'explodes' from acme-broken 0.3" in done.stdout


@pytest.mark.parametrize("command", [("vars", "sloppy"), ("vars", "sloppy", "--pipeline", "v2")])
def test_vars_of_a_template_that_does_not_parse_is_a_message(tmp_path, command):
    site = sloppy_site(tmp_path, UNCLOSED_IF)
    done = run(*command, cwd=tmp_path, site=site)
    assert done.returncode == 1
    assert done.stderr.startswith(
        "error: artifact type 'sloppy': template 'sloppy/sloppy.py.jinja2' does not parse"
        " at line 3:"
    )
    assert "Traceback" not in done.stderr
    assert run("vars", "note", cwd=tmp_path, site=site).returncode == 0


def test_new_names_the_template_file_and_the_line_a_tag_was_left_open(tmp_path):
    site = sloppy_site(tmp_path, "x = 1\ny = 2\nz = {{ name \nw = 2\n")
    done = run("new", "sloppy", "-s", "name=a", "--dry-run", cwd=tmp_path, site=site)
    assert done.returncode == 1
    template = site / "sloppy" / "templates" / "sloppy.py.jinja2"
    assert done.stderr == (
        f"error: template 'sloppy/sloppy.py.jinja2' failed at {template}, line 3: the tag"
        " opened on line 3 is not closed (line 4: expected token 'end of print statement',"
        " got 'w')\n"
    )


@pytest.mark.parametrize(
    ("template", "line"),
    [("x = 1\ny = {{ name | }}\n", 2), ("x = 1\n{{ 1 // 0 }}\n", 2), ("a\n\n{{ nope }}\n", 3)],
)
def test_new_names_the_template_file_and_its_own_line(tmp_path, template, line):
    site = sloppy_site(tmp_path, template)
    done = run("new", "sloppy", "-s", "name=a", "--dry-run", cwd=tmp_path, site=site)
    assert done.returncode == 1
    path = site / "sloppy" / "templates" / "sloppy.py.jinja2"
    assert f"failed at {path}, line {line}: " in done.stderr
    assert "Traceback" not in done.stderr


def test_validate_architecture_of_a_type_not_installed_fails_naming_it(tmp_path):
    done = run("validate-architecture", "worker", "wroker", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("error: not installed: 'wroker' (installed: adapter, ")
    assert done.stderr.endswith("); nothing checked\n")


def test_validate_architecture_with_no_plugin_installed_fails(monkeypatch, capsys):
    monkeypatch.setattr(checks, "ArtifactRegistry", lambda: ArtifactRegistry([]))
    assert main(["validate-architecture"]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        "error: no artifact plugin is installed: nothing to check\n",
    )


def optional_site(tmp_path: Path, template: str) -> Path:
    """The ``sloppy`` plugin with two optional fields, one defaulting to None."""
    site = sloppy_site(tmp_path, template)
    module = site / "sloppy" / "__init__.py"
    fields = '    name: str\n    note: str | None = None\n    tone: str = "calm"\n'
    module.write_text(module.read_text().replace("    name: str\n", fields))
    return site


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{{ name }}\n{{ note | default('-') }}\n",
            (
                "defensive '| default' on schema field 'note': the field is optional and"
                " SloppyContext gives it no default; give it its default there and remove the one"
                " in the template"
            ),
        ),
        (
            "{{ name }}\n{{ tone | d('x') }}\n",
            (
                "defensive '| d' on schema field 'tone': SloppyContext defaults it to 'calm', so"
                " the template's default is never used; remove it"
            ),
        ),
    ],
)
def test_arch007_says_what_is_wrong_with_a_default_on_an_optional_field(
    tmp_path, template, message
):
    site = optional_site(tmp_path, template)
    done = run("validate-architecture", "--json", "sloppy", cwd=tmp_path, site=site)
    findings = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "ARCH007"]
    assert [(f["location"], f["message"]) for f in findings] == [
        ("sloppy/sloppy.py.jinja2:2", message)
    ]


def test_arch006_gives_template_and_line_of_an_undeclared_read(tmp_path):
    site = optional_site(tmp_path, "{{ name }}\n\n{{ titel }}\n")
    done = run("validate-architecture", "--json", "sloppy", cwd=tmp_path, site=site)
    [found] = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "ARCH006"]
    assert found["location"] == "sloppy/sloppy.py.jinja2:3"
    assert found["message"] == (
        "the template reads 'titel', which is not a field of SloppyRenderContext"
    )


def test_parity_of_a_type_without_a_legacy_template_is_skipped_with_the_reason(tmp_path):
    site = sloppy_site(tmp_path, "{{ name }}\n")
    done = run("parity", "sloppy", cwd=tmp_path, site=site)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "sloppy: parity skipped: no legacy (v1) template 'sloppy/sloppy.v1.py.jinja2'"
        " to compare with\n"
    )
    report = json.loads(run("parity", "--json", "sloppy", cwd=tmp_path, site=site).stdout)
    assert (report["passed"], report["cases"]) == (True, [])
    assert report["skipped"].startswith("no legacy (v1) template")


def test_the_parity_fixture_skips_a_type_without_a_legacy_template(tmp_path):
    site = sloppy_site(tmp_path, "{{ name }}\n")
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "test_sloppy.py").write_text(
        'def test_parity(scaffold_parity):\n    scaffold_parity.assert_parity("sloppy")\n'
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(FIXTURE_PLUGINS)])}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(suite)],
        cwd=suite,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert "1 skipped" in done.stdout
    assert "parity skipped: no legacy (v1) template" in done.stdout
