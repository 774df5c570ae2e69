"""The on-disk caches: compiled templates and the entry-point index."""

import json
import marshal
import os
import pickle
import sys
import time
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import Bucket, bc_magic

from scaffold_core.cache_dir import cache_directory
from scaffold_core.cli import main
from scaffold_core.discover import entry_points
from scaffold_core.discover.entry_points import INDEX_FILES
from scaffold_core.hooks import PluginHooks
from scaffold_core.render import TemplateEnvironment
from scaffold_core.render.environment import TEMPLATE_CACHES, bytecode_cache
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
    planted = {"scaffold.artifacts": [], "scaffold.plugins": [], "pydantic": []}
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


def age(path: Path, seconds: int) -> None:
    """Make ``path`` look last used ``seconds`` ago."""
    when = time.time() - seconds
    os.utime(path, (when, when))


def test_template_caches_are_bounded_to_the_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path))
    for number in range(TEMPLATE_CACHES + 3):
        (tmp_path / f"jinja-old{number:02}").mkdir()
        (tmp_path / f"jinja-old{number:02}" / "__jinja2_x.cache").write_bytes(b"x")
        age(tmp_path / f"jinja-old{number:02}", 1000 - number)
    (tmp_path / "entry-points").mkdir()
    bytecode_cache("options")
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert len([name for name in kept if name.startswith("jinja-")]) == TEMPLATE_CACHES
    assert "jinja-old00" not in kept
    assert f"jinja-old{TEMPLATE_CACHES + 2:02}" in kept
    assert "entry-points" in kept


def test_entry_point_indexes_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "entry-points"
    folder.mkdir()
    for number in range(INDEX_FILES + 5):
        (folder / f"old{number:02}.json").write_text("{}")
        age(folder / f"old{number:02}.json", 1000 - number)
    entry_points._index()
    kept = sorted(path.name for path in folder.iterdir())
    assert len(kept) == INDEX_FILES
    assert "old00.json" not in kept
    assert f"old{INDEX_FILES + 4:02}.json" in kept


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00\xff garbage",
        json.dumps([1, 2]).encode(),
        json.dumps({"scaffold.artifacts": [{"name": 3}], "scaffold.plugins": []}).encode(),
        json.dumps({"scaffold.artifacts": [], "scaffold.plugins": []}).encode(),
    ],
)
def test_a_corrupt_entry_point_index_is_ignored_and_rebuilt(tmp_path, monkeypatch, garbage):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path))
    entry_points._index()
    (index_file,) = (tmp_path / "entry-points").iterdir()
    index_file.write_bytes(garbage)
    assert "dto" in {entry["name"] for entry in entry_points._index()["scaffold.artifacts"]}
    assert entry_points._is_index(json.loads(index_file.read_text()))


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\xff garbage",
        bc_magic + b"not a pickle",
        bc_magic + pickle.dumps("wrong checksum", 2) + b"x",
        b"",
    ],
)
def test_a_corrupt_compiled_template_is_ignored_and_rebuilt(tmp_path, monkeypatch, garbage):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path))
    TemplateEnvironment(PluginHooks([])).jinja.get_template("macros/python.jinja2")
    (folder,) = tmp_path.iterdir()
    files = list(folder.iterdir())
    for path in files:
        path.write_bytes(garbage)
    fresh = TemplateEnvironment(PluginHooks([]))
    assert fresh.jinja.get_template("macros/python.jinja2").module is not None
    for path in files:
        assert path.read_bytes().startswith(bc_magic)
        assert path.read_bytes() != garbage


def test_a_checksum_that_matches_but_code_that_is_not_code_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path))
    cache = bytecode_cache("options")
    assert isinstance(cache, jinja2.FileSystemBytecodeCache)
    bucket = Bucket(jinja2.Environment(), "key", "checksum")
    Path(cache.directory, "__jinja2_key.cache").write_bytes(
        bc_magic + pickle.dumps("checksum", 2) + marshal.dumps(42)
    )
    cache.load_bytecode(bucket)
    assert bucket.code is None


def test_every_cache_kind_garbage_then_a_command_works(tmp_path, monkeypatch, capsys):
    """Garbage in every cache file, then `scaffold new`: it works and rewrites them."""
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    arguments = ["new", "dto", "-s", "name=Order", "-s", 'fields=[{"name":"a","type":"int"}]']
    assert main([*arguments, "--dry-run"]) == 0
    entry_points._read.cache_clear()
    cache_files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(cache_files) > 2
    for path in cache_files:
        path.write_bytes(b"\x80garbage")
    assert main(arguments) == 0
    assert capsys.readouterr().out.endswith("order.py\n")
    for path in cache_files:
        assert path.read_bytes() != b"\x80garbage", path
