"""Installed-looking plugins and the installed ``scaffold`` command, for end-to-end tests.

``importlib.metadata`` finds a distribution on any ``sys.path`` entry, so a test writes
``*.dist-info`` folders into a site folder, puts it on ``PYTHONPATH`` and the real discovery
code sees the plugins as installed.
"""

import os
import subprocess
import sys
from pathlib import Path

FIXTURE_PLUGINS = Path(__file__).parent / "fixture_plugins"
SCAFFOLD = str(Path(sys.executable).with_name("scaffold"))


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
