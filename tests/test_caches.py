"""The on-disk caches: compiled templates and the entry-point index."""

import json
import sys

import jinja2

from scaffold_core.cache_dir import cache_directory
from scaffold_core.discover import entry_points
from scaffold_core.hooks import PluginHooks
from scaffold_core.render import TemplateEnvironment
from scaffold_core.render.environment import bytecode_cache
from tests.installed import write_distribution


def test_cache_directory_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path / "c"))
    assert cache_directory("x") == tmp_path / "c" / "x"
    assert (tmp_path / "c" / "x").is_dir()
    monkeypatch.setenv("SCAFFOLD_NO_CACHE", "1")
    assert cache_directory("x") is None
    assert bytecode_cache("options") is None
    monkeypatch.delenv("SCAFFOLD_NO_CACHE")
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path / "file"))
    assert cache_directory("x") is None


def test_compiled_templates_are_kept_per_set_of_options(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path))
    strict = TemplateEnvironment(PluginHooks([]))
    strict.jinja.get_template("macros/python.jinja2")
    folders = sorted(path.name for path in tmp_path.iterdir())
    assert len(folders) == 1
    assert list((tmp_path / folders[0]).iterdir())

    TemplateEnvironment(PluginHooks([]), undefined=jinja2.ChainableUndefined)
    assert len(list(tmp_path.iterdir())) == 2


def test_entry_point_index_is_reused_until_sys_path_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    first = entry_points._index()
    (index_file,) = (tmp_path / "cache" / "entry-points").iterdir()
    assert "dto" in {entry["name"] for entry in first["scaffold.artifacts"]}
    planted = {"scaffold.artifacts": [], "scaffold.plugins": []}
    index_file.write_text(json.dumps(planted))
    assert entry_points._index() == planted
    write_distribution(site, "acme", "1.0", {"scaffold.artifacts": {"acme": "acme:AcmeContext"}})
    refreshed = entry_points._index()
    assert "acme" in {entry["name"] for entry in refreshed["scaffold.artifacts"]}
    assert sys.path[0] == str(site)


def test_a_corrupt_index_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path))
    entry_points._index()
    (index_file,) = (tmp_path / "entry-points").iterdir()
    index_file.write_text("{not json")
    assert "scaffold.artifacts" in entry_points._index()
