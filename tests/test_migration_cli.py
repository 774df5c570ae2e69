"""``scaffold vars`` and ``scaffold templates``, and the figures docs/migration.md quotes."""

import json
import re
from pathlib import Path

from scaffold_core import ArtifactManager
from scaffold_core.cli import main
from scaffold_core.render import template_stats
from tests.installed import run

DOCS = Path(__file__).resolve().parents[1] / "docs" / "migration.md"


def test_vars_shows_the_template_of_the_active_pipeline(capsys, monkeypatch):
    assert main(["vars", "dto"]) == 0
    assert capsys.readouterr().out.startswith("template: dto/dto.py.jinja2\n")
    monkeypatch.setenv("PYDANTIC_SCAFFOLDING_ENABLED", "false")
    assert main(["vars", "dto"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "template: dto/dto.v1.py.jinja2"
    assert lines[2] == "required: name"
    assert lines[3] == "optional: description, examples, fields, frozen, imports"


def test_vars_v2_json_lists_only_render_context_fields(capsys):
    assert main(["vars", "worker", "--pipeline", "v2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["chain"][:3] == [
        "worker/worker.py.jinja2",
        "layouts/python_module.py.jinja2",
        "macros/python.jinja2",
    ]
    worker = ArtifactManager().artifact("worker").render_context_class
    readable = set(worker.model_fields) | set(worker.model_computed_fields)
    assert set(report["required"]) | set(report["optional"]) <= readable
    assert "name" in report["required"]


def test_vars_of_unknown_type_is_exit_2(capsys):
    assert main(["vars", "nope"]) == 2
    assert "unknown artifact type" in capsys.readouterr().err


def test_vars_v1_without_legacy_template_is_exit_2(project, broken_site):
    result = run("vars", "note", "--pipeline", "v1", cwd=project, site=broken_site)
    assert result.returncode == 2
    assert "artifact type 'note' has no legacy (v1) template" in result.stderr
    fallback = run("vars", "note", cwd=project, site=broken_site)
    assert fallback.stdout.startswith("template: note/note.md.jinja2\n")


def test_templates_lists_and_measures(capsys):
    assert main(["templates"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["dto", "v1", "dto/dto.v1.py.jinja2"] in rows
    assert main(["templates", "--stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    v2 = [row for row in stats if row["pipeline"] == "v2"]
    assert v2
    assert all(row["chain_default_filters"] == 0 for row in v2)
    assert main(["templates", "--stats"]) == 0
    assert "DEFAULT_FILTERS" in capsys.readouterr().out


def test_migration_doc_quotes_the_current_figures():
    manager = ArtifactManager()
    documented = re.findall(
        r"^\| (\w+) \| (v[12]) `[^`]+` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$",
        DOCS.read_text(),
        re.MULTILINE,
    )
    assert len(documented) == 4
    for artifact_id, pipeline, *figures in documented:
        artifact = manager.artifact(artifact_id)
        if pipeline == "v2":
            environment, name = manager.environment, artifact.template_name
        else:
            environment, name = manager.legacy_environment, artifact.legacy_template_name
        stats = template_stats(environment.jinja, name)
        measured = (
            stats.characters,
            stats.default_filters,
            stats.chain_characters,
            stats.chain_default_filters,
        )
        assert tuple(int(f) for f in figures) == measured, (artifact_id, pipeline)
