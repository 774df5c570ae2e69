import functools
import os
import sys

import pytest

from scaffold_core import ArtifactRegistry, BrokenArtifact, PluginUnavailable, UnknownArtifactType
from scaffold_core.cli import main
from scaffold_core.discover import (
    ARTIFACTS_GROUP,
    entry_points,
    installed_entries,
    load_artifact_type,
)
from scaffold_core.discover.naming import (
    extension_of,
    id_matches_class,
    legacy_template_file,
    render_context_name,
    template_files,
)
from tests.conftest import BREAKERS, entry
from tests.installed import write_distribution


def test_installed_entries_name_distribution_and_version():
    entries = {item.name: item for item in installed_entries(ARTIFACTS_GROUP)}
    assert entries["dto"].distribution == "scaffold-artifact-dto"
    assert entries["dto"].value == "scaffold_artifact_dto:DTOContext"
    assert entries["worker"].version


def test_reading_entries_imports_no_plugin(monkeypatch):
    monkeypatch.delitem(sys.modules, "scaffold_artifact_dto", raising=False)
    monkeypatch.delitem(sys.modules, "scaffold_artifact_worker", raising=False)
    registry = ArtifactRegistry()
    assert {"dto", "worker"} <= set(registry.ids())
    assert "scaffold_artifact_dto" not in sys.modules
    registry.get("worker")
    assert "scaffold_artifact_worker" in sys.modules
    assert "scaffold_artifact_dto" not in sys.modules


def test_loaded_artifact_type_resolves_render_context_and_template(fixture_registry):
    note = fixture_registry("note").get("note")
    assert note.context_class.__name__ == "NoteContext"
    assert note.render_context_class.__name__ == "NoteRenderContext"
    assert note.template_file == "note.md.jinja2"
    assert note.template_name == "note/note.md.jinja2"
    assert note.extension == "md"
    assert note.legacy_template_name is None


@pytest.mark.parametrize(
    ("artifact_id", "rule", "reason"),
    [
        ("orphan", "ARCH003", "defines no 'OrphanRenderContext'"),
        ("misfit", "ARCH003", "must subclass both 'MisfitContext' and"),
        ("plain", "ARCH001", "'PlainContext' must subclass scaffold_schemas.BaseContext"),
        ("widget", "ARCH001", "must name a class whose name ends in 'Context'"),
        ("templateless", "ARCH005", "no template for 'templateless'"),
        ("two", "ARCH005", "2 templates (two.md.jinja2, two.py.jinja2)"),
        ("explodes", "ARCH001", "RuntimeError: this plugin is broken on purpose"),
    ],
)
def test_broken_plugin_becomes_a_report_naming_its_origin(
    fixture_registry, artifact_id, rule, reason
):
    registry = fixture_registry(*BREAKERS)
    outcome = registry.inspect(artifact_id)
    assert isinstance(outcome, BrokenArtifact)
    assert outcome.rule == rule
    assert reason in outcome.reason
    message = str(outcome)
    assert "fixture-plugins 1.0" in message
    assert f"'{artifact_id} = {BREAKERS[artifact_id]}'" in message
    with pytest.raises(PluginUnavailable, match="fixture-plugins"):
        registry.get(artifact_id)


def test_a_broken_plugin_does_not_stop_the_others(fixture_registry):
    registry = fixture_registry("explodes", "orphan", "note")
    outcomes = {outcome.artifact_id: outcome for outcome in registry.inspect_all()}
    assert isinstance(outcomes["explodes"], BrokenArtifact)
    assert isinstance(outcomes["orphan"], BrokenArtifact)
    assert registry.get("note").artifact_id == "note"


def test_two_distributions_claiming_one_id_is_an_error_naming_both():
    registry = ArtifactRegistry(
        [
            entry("note", "breakers:NoteContext", "acme-notes"),
            entry("note", "breakers:NoteContext", "other-notes"),
        ]
    )
    outcome = registry.inspect("note")
    assert isinstance(outcome, BrokenArtifact)
    assert outcome.rule == "ARCH008"
    assert "'acme-notes' and 'other-notes'" in outcome.reason
    assert len(registry.entries("note")) == 2


def test_unknown_type_lists_the_installed_ones(fixture_registry):
    with pytest.raises(
        UnknownArtifactType, match=r"'nope' \(did you mean 'note'\? installed: note\)"
    ):
        fixture_registry("note").get("nope")


def test_entry_without_attribute_is_reported():
    registry = ArtifactRegistry([entry("note", "breakers")])
    outcome = registry.inspect("note")
    assert isinstance(outcome, BrokenArtifact)
    assert "must be 'module:ClassContext'" in outcome.reason


def test_each_plugin_is_loaded_once(fixture_registry):
    registry = fixture_registry("note")
    assert registry.get("note") is registry.get("note")


def test_load_artifact_type_of_installed_dto_finds_its_legacy_template_absent_or_present():
    dto = load_artifact_type(
        next(e for e in installed_entries(ARTIFACTS_GROUP) if e.name == "dto")
    )
    assert dto.extension == "py"
    assert (dto.template_dir / dto.template_file).is_file()


def test_naming_convention_helpers(tmp_path):
    assert render_context_name("DTOContext") == "DTORenderContext"
    with pytest.raises(ValueError, match="does not end in 'Context'"):
        render_context_name("Widget")
    assert id_matches_class("unit_test", "UnitTestContext")
    assert id_matches_class("dto", "DTOContext")
    assert not id_matches_class("dto", "WorkerContext")
    assert legacy_template_file("dto.py.jinja2") == "dto.v1.py.jinja2"
    assert extension_of("design.md.jinja2") == "md"
    for name in ("dto.py.jinja2", "dto.v1.py.jinja2", "dtox.py.jinja2", "dto.py"):
        (tmp_path / name).write_text("")
    assert template_files(tmp_path, "dto") == ["dto.py.jinja2"]


@pytest.mark.parametrize(
    ("installed", "given", "seen"),
    [
        ({}, None, "__all__"),
        ({"pydantic": {"logfire": "logfire.integrations.pydantic:plugin"}}, None, None),
        ({}, "some_plugin", "some_plugin"),
    ],
    ids=["none installed", "one installed", "set by the user"],
)
def test_a_command_skips_pydantic_s_plugin_search_only_when_none_is_installed(
    tmp_path, monkeypatch, installed, given, seen
):
    write_distribution(tmp_path, "acme-pydantic-plugin", "1.0", installed)
    monkeypatch.syspath_prepend(str(tmp_path))
    entry_points._read.cache_clear()
    monkeypatch.setattr(entry_points, "_read", functools.cache(entry_points._read.__wrapped__))
    if given is None:
        monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    else:
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", given)
    during = []
    monkeypatch.setattr(
        "scaffold_core.cli.listing.list_types",
        lambda *_: during.append(os.environ.get("PYDANTIC_DISABLE_PLUGINS")) or 0,
    )
    assert main(["list"]) == 0
    assert during == [seen]
    assert os.environ.get("PYDANTIC_DISABLE_PLUGINS") == given
