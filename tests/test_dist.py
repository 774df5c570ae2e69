"""The release (issue 14): complete metadata, one version per distribution, and the install
the design card promises, ``pip install scaffold-artifact-worker``, from built files only.

The fast tests read the source tree: every distribution's ``pyproject.toml``, its README's
example commands, where its version is set. The slow one builds the sdist of scaffold-core
and of scaffold-artifact-worker and each wheel from its sdist (as ``make dist`` does), then
installs the worker into a fresh virtual environment with ``--no-index --find-links`` on
those files, so that pip takes both scaffold distributions from them or fails. The
third-party requirements the core's wheel declares are installed first, from the
machine's usual index: they are not what this release ships.
"""

import ast
import json
import os
import re
import shlex
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from tests.installed import PIP, SCAFFOLD, check, clean_environment, create_venv, pip_install

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = sorted((ROOT / "plugins").glob("scaffold-artifact-*"))
DISTRIBUTIONS = [ROOT, *PLUGINS]
WORKER = ROOT / "plugins" / "scaffold-artifact-worker"
URLS = {"Homepage", "Documentation", "Changelog", "Issues"}
CLASSIFIERS = {
    "Framework :: Pydantic :: 2",
    "Typing :: Typed",
    "Programming Language :: Python :: 3",
}
COMMAND = re.compile(r"^\$ ((?:.*\\\n)*.*)$", re.MULTILINE)


def project(folder: Path) -> dict[str, Any]:
    """The ``[project]`` table of the distribution in ``folder``."""
    table: dict[str, Any] = tomllib.loads((folder / "pyproject.toml").read_text())["project"]
    return table


def packages(folder: Path) -> list[Path]:
    """The import packages the distribution in ``folder`` ships (its wheel's ``packages``)."""
    build = tomllib.loads((folder / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    return [folder / name for name in build["targets"]["wheel"]["packages"]]


def core_version() -> str:
    """The core's version, read where it is set (``scaffold_core/__init__.py``)."""
    tree = ast.parse((ROOT / "scaffold_core" / "__init__.py").read_text())
    (value,) = [
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", None) for target in node.targets] == ["__version__"]
        and isinstance(node.value, ast.Constant)
    ]
    assert isinstance(value, str)
    return value


def version_statements(folder: Path, version: str) -> list[str]:
    """Each ``.py`` file of the distribution that assigns ``__version__`` or quotes ``version``."""
    quoted = (f'"{version}"', f"'{version}'")
    return [
        path.relative_to(ROOT).as_posix()
        for package in packages(folder)
        for path in sorted(package.rglob("*.py"))
        if "__version__ =" in (text := path.read_text()) or any(q in text for q in quoted)
    ]


@pytest.mark.parametrize("folder", DISTRIBUTIONS, ids=lambda folder: folder.name)
def test_every_distribution_has_complete_metadata(folder):
    meta = project(folder)
    assert (folder / meta["readme"]).is_file()
    assert meta["license"] == "MIT"
    assert meta["license-files"] == ["LICENSE"]
    assert (folder / "LICENSE").read_text() == (ROOT / "LICENSE").read_text()
    assert meta["authors"]
    assert meta["keywords"]
    assert set(meta["classifiers"]) >= CLASSIFIERS
    assert set(meta["urls"]) == URLS
    assert meta["urls"]["Homepage"] == project(ROOT)["urls"]["Homepage"]
    assert meta["urls"]["Changelog"].endswith("/CHANGELOG.md")
    for package in packages(folder):
        assert (package / "py.typed").is_file(), package


def test_the_core_sets_its_version_in_scaffold_core_init_only():
    meta = project(ROOT)
    assert "version" not in meta
    assert meta["dynamic"] == ["version"]
    hatch = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]
    assert hatch["version"] == {"path": "scaffold_core/__init__.py"}
    assert version_statements(ROOT, core_version()) == ["scaffold_core/__init__.py"]


@pytest.mark.parametrize("folder", PLUGINS, ids=lambda folder: folder.name)
def test_a_plugin_sets_its_version_in_its_pyproject_only(folder):
    meta = project(folder)
    assert "version" not in meta.get("dynamic", [])
    assert version_statements(folder, meta["version"]) == []
    (core,) = [
        Requirement(text) for text in meta["dependencies"] if text.startswith("scaffold-core")
    ]
    assert core.specifier.contains(core_version()), (core, core_version())


def test_a_generated_plugin_requires_a_core_range_that_admits_this_core():
    """The artifact_plugin template states the range a new plugin depends on: bump it too."""
    templates = (
        ROOT / "plugins/scaffold-artifact-artifact-plugin/scaffold_artifact_artifact_plugin"
    )
    text = (templates / "templates/artifact_plugin.toml.jinja2").read_text()
    (stated,) = re.findall(r'"(scaffold-core[^"]*)"', text)
    assert Requirement(stated).specifier.contains(core_version()), (stated, core_version())


def test_scaffold_version_reports_the_version_set_in_the_core(tmp_path):
    result = subprocess.run([SCAFFOLD, "--version"], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout == f"scaffold-core {core_version()}\n"


def test_the_readme_and_the_metadata_link_the_changelog():
    assert (ROOT / "CHANGELOG.md").read_text().startswith("# Changelog\n")
    readme = (ROOT / "README.md").read_text()
    assert "(CHANGELOG.md)" in readme
    assert "(docs/releasing.md)" in readme


@pytest.mark.parametrize("folder", PLUGINS, ids=lambda folder: folder.name)
def test_a_plugin_readme_example_runs(folder, tmp_path):
    readme = (folder / "README.md").read_text()
    assert f"pip install {project(folder)['name']}\n" in readme
    commands = COMMAND.findall(readme)
    assert commands
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    env = clean_environment()
    env["PATH"] = os.pathsep.join([str(Path(SCAFFOLD).parent), env.get("PATH", "")])
    for command in commands:
        assert shlex.split(command)[:2] == ["scaffold", "new"]
        result = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, (command, result.stderr)


def wheel_names(dist: Path, prefix: str) -> list[str]:
    """The file names inside the one wheel in ``dist`` whose name starts with ``prefix``."""
    (wheel,) = dist.glob(f"{prefix}-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def requirements(dist: Path, prefix: str) -> list[str]:
    """What the wheel ``prefix`` in ``dist`` requires, extras excluded (its Requires-Dist)."""
    (wheel,) = dist.glob(f"{prefix}-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(name).decode())
    return [text for text in metadata.get_all("Requires-Dist", []) if "extra ==" not in text]


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """``dist/`` (core and worker) and a fresh venv's bin with the worker installed from it."""
    base = tmp_path_factory.mktemp("release")
    dist = base / "dist"
    env = clean_environment()
    for source in (ROOT, WORKER):
        # No --sdist/--wheel: the wheel is built from the sdist, so a file the sdist lacks fails.
        build = [sys.executable, "-m", "build", "--quiet", "--outdir", str(dist), str(source)]
        check(build, base, env)
    bin_folder = create_venv(base / "venv")
    pip_install(bin_folder, requirements(dist, "scaffold_core"), env)
    # --isolated: no pip configuration or PIP_* variable adds an index or a wheel folder.
    python = str(bin_folder / "python")
    install = ["install", "--no-index", "--find-links", str(dist), "scaffold-artifact-worker"]
    check([*PIP, "--isolated", "--python", python, *install], base, env)
    return dist, bin_folder, env


@pytest.mark.slow
def test_the_built_wheels_hold_their_data_files(released):
    dist, _, _ = released
    core = wheel_names(dist, "scaffold_core")
    for name in (
        "scaffold_core/py.typed",
        "scaffold_schemas/py.typed",
        "scaffold_core/templates/layouts/python_module.py.jinja2",
    ):
        assert name in core
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in core)
    worker = wheel_names(dist, "scaffold_artifact_worker")
    for name in ("py.typed", "templates/worker.py.jinja2", "templates/worker.examples.yaml"):
        assert f"scaffold_artifact_worker/{name}" in worker
    worker_version = project(WORKER)["version"]
    with tarfile.open(dist / f"scaffold_core-{core_version()}.tar.gz") as sdist:
        tops = {name.split("/")[1] for name in sdist.getnames() if name.count("/") >= 1}
    # Only the core's own files: no plugin's README or templates, no test fixtures.
    assert tops == {
        *("scaffold_core", "scaffold_schemas", "templates"),
        *("README.md", "CHANGELOG.md", "LICENSE", "pyproject.toml", "PKG-INFO", ".gitignore"),
    }
    assert sorted(path.name for path in dist.iterdir()) == [
        f"scaffold_artifact_worker-{worker_version}-py3-none-any.whl",
        f"scaffold_artifact_worker-{worker_version}.tar.gz",
        f"scaffold_core-{core_version()}-py3-none-any.whl",
        f"scaffold_core-{core_version()}.tar.gz",
    ]


@pytest.mark.slow
def test_pip_install_worker_from_dist_then_scaffold_new_worker(released, tmp_path):
    _, bin_folder, env = released
    scaffold = str(bin_folder / "scaffold")
    assert check([scaffold, "--version"], tmp_path, env) == f"scaffold-core {core_version()}\n"
    report = json.loads(check([scaffold, "list", "--json"], tmp_path, env))
    assert [(row["id"], row["status"]) for row in report["artifact_types"]] == [("worker", "ok")]
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n')
    new = [scaffold, "new", "worker", "-s", "name=OrderWorker", "-s", "layer=platform"]
    written = check(new, tmp_path, env).strip()
    assert written == "src/platform/workers/order_worker.py"
    use = (
        "import importlib.util, sys\n"
        "spec = importlib.util.spec_from_file_location('order_worker', sys.argv[1])\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "module.OrderWorker().run()\n"
        "import scaffold_core; print(scaffold_core.__file__)\n"
    )
    location = check([str(bin_folder / "python"), "-c", use, written], tmp_path, env)
    assert Path(location.strip()).is_relative_to(bin_folder.parent)
