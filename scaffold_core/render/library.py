"""Where the shared template library (layouts and macros) lives on this installation."""

from importlib.resources import files
from pathlib import Path

__all__ = ["shared_library_path"]


def shared_library_path() -> Path:
    """The folder of the shared template library.

    A wheel ships it inside the package as ``scaffold_core/templates``; a source checkout
    (and an editable install of one) keeps it at the repository's top-level ``templates/``.
    """
    packaged = Path(str(files("scaffold_core"))) / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"
