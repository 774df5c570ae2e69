"""docs/catalogue.md is what ``scaffold catalogue`` generates from the installed plugins."""

from pathlib import Path

from scaffold_core import ArtifactRegistry
from scaffold_core.catalogue import catalogue_markdown
from scaffold_core.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "catalogue.md"


def test_catalogue_page_is_current():
    assert DOC.read_text() == catalogue_markdown(), "docs/catalogue.md is stale: make catalogue"


def test_catalogue_covers_every_installed_type_with_fields_and_an_example(capsys):
    assert main(["catalogue"]) == 0
    page = capsys.readouterr().out
    for artifact_id in ArtifactRegistry().ids():
        assert f"\n## {artifact_id}\n" in page
    assert "| `fields` | list of `DTOField` | yes |  | The DTO's fields, in order. |" in page
    assert "| `frozen` | boolean |  | `false` | Make instances immutable. |" in page
    assert "`DTOField` items:" in page
    assert "Output of the first example:" in page
    assert "created=2026-01-01T00:00:00Z" in page


def test_broken_plugins_are_listed(fixture_registry):
    page = catalogue_markdown(fixture_registry("note", "orphan"))
    assert "## Broken plugins" in page
    assert "- `orphan`: module 'breakers' defines no 'OrphanRenderContext'" in page
    assert "\n## note\n" in page
