"""Synthetic artifact plugins, written as installed-looking distributions in a folder.

Each is a real plugin (Context, RenderContext, template) with a ``*.dist-info`` folder, so
putting the folder on ``PYTHONPATH`` makes discovery see them as installed.
"""

from pathlib import Path

__all__ = ["write_synthetic_plugins"]

_MODULE = '''"""Synthetic artifact type ``{artifact_id}``."""

from scaffold_schemas import BaseContext, BaseRenderContext, ClassName


class {pascal}Context(BaseContext):
    """A class name, nothing more."""

    name: ClassName


class {pascal}RenderContext({pascal}Context, BaseRenderContext):
    """What the template receives."""
'''


def write_synthetic_plugins(site: Path, count: int) -> list[str]:
    """Write ``count`` plugins into ``site``; returns their artifact ids."""
    ids = []
    for number in range(count):
        artifact_id = f"synthetic_{number:03d}"
        pascal = f"Synthetic{number:03d}"
        package = site / f"scaffold_synthetic_{number:03d}"
        (package / "templates").mkdir(parents=True)
        (package / "__init__.py").write_text(
            _MODULE.format(artifact_id=artifact_id, pascal=pascal)
        )
        (package / "templates" / f"{artifact_id}.py.jinja2").write_text(
            "class {{ name }}:\n    pass\n"
        )
        info = site / f"scaffold_synthetic_{number:03d}-1.0.dist-info"
        info.mkdir()
        name = f"scaffold-synthetic-{number:03d}"
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(
            f"[scaffold.artifacts]\n{artifact_id} = {package.name}:{pascal}Context\n"
        )
        ids.append(artifact_id)
    return ids
