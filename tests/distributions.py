"""Make a folder look like installed distributions: ``*.dist-info`` with entry points.

``importlib.metadata`` finds a distribution on any ``sys.path`` entry, so a test puts such a
folder on ``PYTHONPATH`` and the real discovery code sees the plugins as installed.
"""

from pathlib import Path


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
