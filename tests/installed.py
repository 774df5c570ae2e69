"""Installed-looking plugins and the installed ``scaffold`` command, for end-to-end tests.

``importlib.metadata`` finds a distribution on any ``sys.path`` entry, so a test writes
``*.dist-info`` folders into a site folder, puts it on ``PYTHONPATH`` and the real discovery
code sees the plugins as installed. The slow tests install for real instead: wheels built
from source folders (``build_wheels``) into a fresh virtual environment (``create_venv``,
``pip_install``).
"""

import os
import subprocess
import sys
import venv
from collections.abc import Iterable
from pathlib import Path

FIXTURE_PLUGINS = Path(__file__).parent / "fixture_plugins"
SCAFFOLD = str(Path(sys.executable).with_name("scaffold"))
PIP = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet")


def run(
    *args: str, cwd: Path, site: Path | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``scaffold`` command; ``site`` adds installed-looking plugins."""
    env = dict(os.environ)
    if site is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(site), str(FIXTURE_PLUGINS)])
    return subprocess.run(
        [SCAFFOLD, *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def write_distribution(
    site: Path, name: str, version: str, entry_points: dict[str, dict[str, str]]
) -> Path:
    """A minimal ``<name>-<version>.dist-info`` declaring ``entry_points`` by group."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    sections = [
        f"[{group}]\n" + "".join(f"{key} = {value}\n" for key, value in points.items())
        for group, points in entry_points.items()
    ]
    (info / "entry_points.txt").write_text("\n".join(sections))
    return info


def check(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run ``command``, assert it exits 0 (showing its output when not); its stdout."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def clean_environment() -> dict[str, str]:
    """This process's environment without ``PYTHONPATH``: a fresh venv sees what it holds."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def build_wheels(sources: Iterable[Path], wheelhouse: Path, env: dict[str, str]) -> list[Path]:
    """A wheel of each source folder (a ``pyproject.toml`` project) in ``wheelhouse``, sorted."""
    wheelhouse.mkdir(parents=True, exist_ok=True)
    check([*PIP, "wheel", "--no-deps", "-w", str(wheelhouse), *map(str, sources)], wheelhouse, env)
    return sorted(wheelhouse.glob("*.whl"))


def create_venv(folder: Path) -> Path:
    """A new virtual environment without pip (``pip_install`` drives it from here); its bin."""
    venv.EnvBuilder(with_pip=False).create(folder)
    return folder / "bin"


def pip_install(bin_folder: Path, requirements: Iterable[str], env: dict[str, str]) -> None:
    """``pip install`` wheels or requirements into the environment of ``bin_folder``."""
    python = str(bin_folder / "python")
    check([*PIP, "--python", python, "install", *requirements], bin_folder, env)
