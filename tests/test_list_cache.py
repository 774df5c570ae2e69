"""``scaffold list`` keeps each plugin distribution's outcome and reuses it while it is current.

The plugins here are packages written into a site folder on ``sys.path`` (with their
``*.dist-info``), so that a test can upgrade one, edit its source or break it. A plugin
imported by a listing is in ``sys.modules`` afterwards; each listing starts without them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import scaffold_core
from scaffold_core.cli import main
from scaffold_core.discover import entry_points
from scaffold_core.discover import listing as listing_module
from scaffold_core.discover.entry_points import installed_entries
from scaffold_core.discover.listing import Listing, installed_listing
from tests.installed import FIXTURE_PLUGINS, SCAFFOLD, write_distribution

PLUGIN = '''\
from typing import ClassVar

from scaffold_schemas import BaseContext, BaseRenderContext


class {title}Context(BaseContext):
    """A plugin the test upgrades, edits and breaks."""

    default_output_path: ClassVar[str | None] = "{name}.py"

    name: str


class {title}RenderContext({title}Context, BaseRenderContext):
    """What the template receives."""
'''
TEMPLATE = 'name = "{{ name }}"\n'


class Site:
    """A site folder of plugin packages named after the test, and listings of it."""

    def __init__(self, folder: Path, prefix: str, cache: Path) -> None:
        self.folder = folder
        self.prefix = prefix
        self.cache = cache

    def add(self, artifact_id: str, version: str = "1.0") -> Path:
        """Install the plugin ``artifact_id`` (package ``<prefix>_<id>``) at ``version``."""
        module = self.module(artifact_id)
        templates = self.folder / module / "templates"
        templates.mkdir(parents=True)
        title = artifact_id.title()
        (self.folder / module / "__init__.py").write_text(
            PLUGIN.format(title=title, name=artifact_id)
        )
        (templates / f"{artifact_id}.py.jinja2").write_text(TEMPLATE)
        points = {"scaffold.artifacts": {artifact_id: f"{module}:{title}Context"}}
        return write_distribution(self.folder, f"acme-{artifact_id}", version, points)

    def module(self, artifact_id: str) -> str:
        return f"{self.prefix}_{artifact_id}"

    def listing(self) -> tuple[Listing, list[str]]:
        """A listing as a new process makes it, and the test's plugins it imported."""
        entry_points._read.cache_clear()
        for name in [name for name in sys.modules if name.startswith(self.prefix)]:
            del sys.modules[name]
        listing = installed_listing()
        imported = sorted(
            name.removeprefix(f"{self.prefix}_") for name in sys.modules if name in self.modules()
        )
        return listing, imported

    def modules(self) -> set[str]:
        return {path.name for path in self.folder.iterdir() if path.name.startswith(self.prefix)}

    def rows(self, listing: Listing) -> dict[str, dict[str, str | None]]:
        """The test's plugins' rows, by id."""
        mine = {path.removeprefix(f"{self.prefix}_") for path in self.modules()}
        return {str(item.row["id"]): item.row for item in listing.types if item.row["id"] in mine}

    def touch(self, path: Path, text: str) -> None:
        """Write ``path``, its modification time surely new, the site folder's kept."""
        kept = self.folder.stat().st_mtime_ns
        path.write_text(text)
        later = path.stat().st_mtime_ns + 10**9
        os.utime(path, ns=(later, later))
        os.utime(self.folder, ns=(kept, kept))


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    prefix = "listed_" + "".join(c for c in tmp_path.name if c.isalnum())
    # Only the test's plugins, under a fixed sys.path state (the test run's own folders
    # change as other files are written): the entry-point index's tests cover sys.path.
    monkeypatch.setattr(listing_module, "sys_path_signature", lambda: "fixed")
    monkeypatch.setattr(
        listing_module,
        "installed_entries",
        lambda group: [e for e in installed_entries(group) if e.distribution.startswith("acme-")],
    )
    yield Site(folder, prefix, tmp_path / "cache")
    entry_points._read.cache_clear()
    for name in [name for name in sys.modules if name.startswith(prefix)]:
        del sys.modules[name]


def list_file(cache: Path) -> Path:
    (found,) = (cache / "list").glob("*.json")
    return found


def test_a_second_listing_imports_no_plugin_and_is_the_same(site):
    site.add("alpha")
    site.add("beta")
    first, imported = site.listing()
    assert imported == ["alpha", "beta"]
    assert site.rows(first)["alpha"]["status"] == "ok"
    again, imported = site.listing()
    assert imported == []
    assert again == first


def test_an_upgraded_plugin_alone_is_checked_again(site):
    site.add("alpha")
    beta = site.add("beta", "1.0")
    site.listing()
    # The version changed in place and the entry-point index rebuilt: the folders' times
    # are the same, so the distribution's own version is what tells the change.
    site.touch(beta / "METADATA", (beta / "METADATA").read_text().replace("1.0", "2.0"))
    for index in (site.cache / "entry-points").iterdir():
        index.unlink()
    listing, imported = site.listing()
    assert imported == ["beta"]
    assert site.rows(listing)["beta"]["version"] == "2.0"


def test_an_edited_editable_plugin_is_checked_again_and_can_become_broken_then_fixed(site):
    site.add("alpha")
    site.add("beta")
    template = site.folder / site.module("beta") / "templates" / "beta.py.jinja2"
    site.listing()
    site.touch(template, 'name = "{{ name }"\n')
    listing, imported = site.listing()
    assert imported == ["beta"]
    broken = site.rows(listing)["beta"]
    assert (broken["status"], broken["reason"]) == (
        "broken",
        "template 'beta/beta.py.jinja2' does not parse at line 1: unexpected '}'",
    )
    site.touch(template, TEMPLATE)
    listing, imported = site.listing()
    assert (imported, site.rows(listing)["beta"]["status"]) == (["beta"], "ok")
    module = site.folder / site.module("alpha") / "__init__.py"
    site.touch(module, "raise RuntimeError('half-installed')\n")
    listing, imported = site.listing()
    assert imported == []  # its import failed: it is not in sys.modules
    assert site.rows(listing)["alpha"]["reason"] == (
        f"cannot load '{site.module('alpha')}:AlphaContext': RuntimeError: half-installed"
    )
    assert site.rows(listing)["beta"]["status"] == "ok"


def test_plugins_sharing_a_namespace_package_are_checked_again_each_alone(site):
    for artifact_id in ("alpha", "beta"):
        package = site.folder / site.prefix / artifact_id  # no __init__ in site.prefix
        (package / "templates").mkdir(parents=True)
        title = artifact_id.title()
        (package / "__init__.py").write_text(PLUGIN.format(title=title, name=artifact_id))
        (package / "templates" / f"{artifact_id}.py.jinja2").write_text(TEMPLATE)
        value = f"{site.prefix}.{artifact_id}:{title}Context"
        points = {"scaffold.artifacts": {artifact_id: value}}
        write_distribution(site.folder, f"acme-{artifact_id}", "1.0", points)
    site.listing()
    template = site.folder / site.prefix / "beta" / "templates" / "beta.py.jinja2"
    site.touch(template, "{{ name }\n")
    listing, _ = site.listing()
    assert f"{site.prefix}.beta" in sys.modules
    assert f"{site.prefix}.alpha" not in sys.modules
    statuses = {item.row["id"]: item.row["status"] for item in listing.types}
    assert (statuses["alpha"], statuses["beta"]) == ("ok", "broken")


def test_a_broken_plugin_is_reported_from_the_cache_with_its_reason(site):
    site.add("alpha")
    site.touch(site.folder / site.module("alpha") / "__init__.py", "import no_such_module\n")
    first, _ = site.listing()
    again, imported = site.listing()
    assert again == first
    assert imported == []
    (broken,) = [item for item in again.types if item.row["id"] == "alpha"]
    assert broken.row["status"] == "broken"
    assert "ModuleNotFoundError: No module named 'no_such_module'" in str(broken.row["reason"])
    origin = f"acme-alpha 1.0 (entry point 'alpha = {site.module('alpha')}:AlphaContext')"
    assert broken.problem == f"artifact type 'alpha' from {origin}: {broken.row['reason']}"


def test_another_core_version_checks_every_plugin_again(site, monkeypatch):
    site.add("alpha")
    site.add("beta")
    site.listing()
    monkeypatch.setattr(scaffold_core, "__version__", "99.0")
    _, imported = site.listing()
    assert imported == ["alpha", "beta"]


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x80 not json",
        b"[1, 2]",
        json.dumps({"format": 1, "extension_failures": [], "distributions": []}).encode(),
        json.dumps(
            {
                "format": 1,
                "extension_failures": [],
                "distributions": {"acme-alpha 1.0": {"key": "k", "types": [{"row": {}}]}},
            }
        ).encode(),
    ],
)
def test_a_corrupt_list_file_is_ignored_and_rewritten(site, tmp_path, garbage):
    site.add("alpha")
    first, _ = site.listing()
    path = list_file(tmp_path / "cache")
    path.write_bytes(garbage)
    listing, imported = site.listing()
    assert (listing, imported) == (first, ["alpha"])
    assert json.loads(path.read_text())["format"] == 1
    assert site.listing() == (first, [])


def test_a_corrupt_list_file_then_the_command_works(site, tmp_path, capsys):
    site.add("alpha")
    entry_points._read.cache_clear()
    assert main(["list", "--json"]) == 0
    before = capsys.readouterr().out
    list_file(tmp_path / "cache").write_bytes(b"\x00garbage")
    entry_points._read.cache_clear()
    assert main(["list", "--json"]) == 0
    assert capsys.readouterr() == (before, "")


def test_no_cache_lists_afresh_and_writes_nothing(site, tmp_path, monkeypatch):
    monkeypatch.setenv("SCAFFOLD_NO_CACHE", "1")
    site.add("alpha")
    first, _ = site.listing()
    again, imported = site.listing()
    assert (again, imported) == (first, ["alpha"])
    assert not (tmp_path / "cache" / "list").exists()


def scaffold_list(site: Path, cache: Path, *options: str, **env: str) -> str:
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site), str(FIXTURE_PLUGINS)]),
        "SCAFFOLD_CACHE_DIR": str(cache),
        **env,
    }
    done = subprocess.run(
        [SCAFFOLD, "list", *options], env=environment, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


def test_the_command_s_output_is_the_same_with_and_without_the_cache(site, tmp_path):
    site.add("alpha")
    site.touch(site.folder / site.module("alpha") / "__init__.py", "import no_such_module\n")
    write_distribution(
        site.folder, "acme-notes", "2.0", {"scaffold.artifacts": {"note": "breakers:NoteContext"}}
    )
    write_distribution(
        site.folder, "acme-twin", "1.0", {"scaffold.artifacts": {"note": "breakers:NoteContext"}}
    )
    extensions = {"shout": "extensions", "gone": "no_such_extension"}
    write_distribution(site.folder, "acme-extensions", "1.0", {"scaffold.plugins": extensions})
    cache = tmp_path / "cache"
    fresh = scaffold_list(site.folder, cache, "--json", SCAFFOLD_NO_CACHE="1")
    assert scaffold_list(site.folder, cache, "--json") == fresh  # written
    assert scaffold_list(site.folder, cache, "--json") == fresh  # read
    table = scaffold_list(site.folder, cache, SCAFFOLD_NO_CACHE="1")
    assert scaffold_list(site.folder, cache) == table
    rows = {row["id"]: row for row in json.loads(fresh)["artifact_types"]}
    assert rows["alpha"]["status"] == rows["note"]["status"] == "broken"
    assert "claimed by 2 distributions" in str(rows["note"]["reason"])
    assert "\nbroken: artifact type 'alpha' from acme-alpha 1.0" in table
    (failure,) = json.loads(fresh)["extension_failures"]
    assert "'gone = no_such_extension'): ModuleNotFoundError" in failure


def test_processes_listing_at_once_each_write_a_whole_file(site, tmp_path):
    site.add("alpha")
    cache = tmp_path / "cache"
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(site.folder), str(FIXTURE_PLUGINS)]),
        "SCAFFOLD_CACHE_DIR": str(cache),
    }
    processes = [
        subprocess.Popen(
            [SCAFFOLD, "list", "--json"], env=environment, stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = {process.communicate()[0] for process in processes}
    assert len(outputs) == 1
    assert all(process.returncode == 0 for process in processes)
    assert [path.name.startswith(".") for path in (cache / "list").iterdir()] == [False]
    assert scaffold_list(site.folder, cache, "--json") == outputs.pop()
