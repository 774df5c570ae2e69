"""Decide whether an output path is safe: relative, no '..', not through a symlink out."""

from pathlib import Path, PurePosixPath, PureWindowsPath

from scaffold_core.errors import UnsafeOutputPath

__all__ = ["resolve_inside"]


def resolve_inside(project_root: Path, relative: str) -> tuple[str, Path]:
    """The normalised relative POSIX path and the absolute target, or ``UnsafeOutputPath``.

    Symlinks are resolved before the containment check, so a link inside the project that
    points outside it cannot be used to write there.
    """
    posix = PurePosixPath(relative.replace("\\", "/"))
    if not relative.strip() or posix.is_absolute() or PureWindowsPath(relative).is_absolute():
        raise UnsafeOutputPath(
            f"output path '{relative}' is absolute or empty: give a path relative to the"
            f" project root ({project_root})"
        )
    if ".." in posix.parts:
        raise UnsafeOutputPath(
            f"output path '{relative}' contains '..': it may not leave the project"
        )
    root = project_root.resolve()
    target = (root / posix).resolve()
    if not target.is_relative_to(root) or target == root:
        raise UnsafeOutputPath(
            f"output path '{relative}' resolves to {target}, outside the project root {root}"
            " (through a symbolic link)"
        )
    return posix.as_posix(), root / posix
