"""Decide whether an output path is safe, before anything is written or created.

One rule for every way a path enters (``-o``, a recipe's ``output:``, a pattern's result):
relative, POSIX (a backslash is read as ``/``), printable, inside the project even through
symbolic links, a file (not a folder, not under a file), and short enough for the
file system, including the temporary name the writer stages it under.
"""

import os
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Final

from scaffold_core.comment_syntax import COMMENT_SYNTAX
from scaffold_core.errors import UnsafeOutputPath
from scaffold_core.validate.problems import describe_value

__all__ = ["check_path_text", "names_directory", "resolve_inside"]

COMMENT_CLOSERS: Final = tuple(
    sorted({close.strip() for _, close in COMMENT_SYNTAX.values()} - {""})
)
"""Texts that would end the header comment early (``-->``): the rest of the path would
become part of the file's content."""

TEMPORARY_NAME_EXTRA: Final = 10
"""How much longer than the file's name are the names the writer stages it under, beside
it: ``.<name>.`` and 8 characters (``scaffold_core.write``; keep the two in step)."""

DEFAULT_NAME_MAX: Final = 255
"""The file name limit in bytes when the file system does not say (ext4, APFS, NTFS)."""

DEFAULT_PATH_MAX: Final = 4096
"""The whole path's limit in bytes, terminating NUL included, when the system does not say."""


def names_directory(project_root: Path, relative: str) -> bool:
    """Whether ``relative`` means "into this folder": a trailing slash, or an existing folder.

    The project root itself (``.``, ``./``, ``''``) is not a folder to write into here:
    ``resolve_inside`` refuses it.
    """
    posix = PurePosixPath(relative.replace("\\", "/"))
    if not posix.parts or posix.is_absolute():
        return False
    if relative.endswith(("/", "\\")):
        return True
    try:
        return (project_root / posix).is_dir()
    except OSError:  # too long to look at: resolve_inside says so
        return False


def resolve_inside(project_root: Path, relative: str) -> tuple[str, Path]:
    """The normalised relative POSIX path and the absolute target, or ``UnsafeOutputPath``.

    Symlinks are resolved before the containment check, so a link inside the project that
    points outside it cannot be used to write there. Only the file system is read: nothing
    is created, so a refused path leaves no folder behind.
    """
    posix = check_path_text(relative)
    root = project_root.resolve()
    _check_name_lengths(root, posix, relative)
    target = (root / posix).resolve()
    if target == root:
        raise UnsafeOutputPath(
            f"output path '{relative}' is the project root itself (through a symbolic link):"
            " give a file path"
        )
    if not target.is_relative_to(root):
        raise UnsafeOutputPath(
            f"output path '{relative}' resolves to {target}, outside the project root {root}"
            " (through a symbolic link)"
        )
    _check_folders(root, posix, relative)
    return posix.as_posix(), root / posix


def check_path_text(relative: str, what: str = "output path") -> PurePosixPath:
    """``relative`` as a POSIX path, if its text alone is acceptable; else ``UnsafeOutputPath``.

    Refused: blank; a character that is not printable (control characters and line breaks
    would break the header line, U+202E reverses what a reader sees, a surrogate is a byte
    that is not UTF-8); a comment closer; absolute; a ``..`` segment; the project root itself
    (``.``); a trailing slash (a folder). ``what`` names the text in messages.
    """
    if not relative.strip():
        raise UnsafeOutputPath(
            f"{what} '{relative}' is empty: give a file path relative to the project root"
        )
    for position, character in enumerate(relative, 1):
        if not character.isprintable():
            raise UnsafeOutputPath(
                f"{what} {describe_value(relative)} contains {character!r} at position"
                f" {position}, a control or invisible character: give a path of printable"
                " characters"
            )
    for closer in COMMENT_CLOSERS:
        if closer in relative:
            raise UnsafeOutputPath(
                f"{what} '{relative}' contains '{closer}', which would end the file's header"
                " comment: choose another name"
            )
    posix = PurePosixPath(relative.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(relative).is_absolute():
        raise UnsafeOutputPath(
            f"{what} '{relative}' is absolute: give a path relative to the project root"
        )
    if ".." in posix.parts:
        raise UnsafeOutputPath(f"{what} '{relative}' contains '..': it may not leave the project")
    if not posix.parts:
        raise UnsafeOutputPath(
            f"{what} '{relative}' is the project root itself: give a file path, e.g. src/name.py"
        )
    if relative.endswith(("/", "\\")):
        raise UnsafeOutputPath(f"{what} '{relative}' names a folder: give a file path")
    return posix


def _check_folders(root: Path, posix: PurePosixPath, relative: str) -> None:
    """Every existing parent is a folder, and the target itself is not one."""
    parent = root
    for part in posix.parts[:-1]:
        parent = parent / part
        if not parent.exists() and not parent.is_symlink():
            break
        if not parent.is_dir():
            raise UnsafeOutputPath(
                f"output path '{relative}' goes through"
                f" '{parent.relative_to(root).as_posix()}', which is a file, not a folder:"
                " choose another path"
            )
    if (root / posix).is_dir():
        raise UnsafeOutputPath(f"output path '{relative}' names a folder: give a file path")


def _check_name_lengths(root: Path, posix: PurePosixPath, relative: str) -> None:
    """The whole absolute path, and each name, fit the file system's limits.

    The file's name and the path are counted as the temporary name the writer stages first.
    Checked before anything else looks at the path (a look at a path too long fails too):
    the path against the root's limit, each name against its parent folder's, folder by
    folder from the root while they exist (a mount point may have other limits).
    """
    path_size = len(os.fsencode(root / posix)) + TEMPORARY_NAME_EXTRA
    path_limit = _limit(root, "PC_PATH_MAX", DEFAULT_PATH_MAX)
    if path_size >= path_limit:  # the limit counts the terminating NUL
        raise UnsafeOutputPath(
            f"output path '{relative[:40]}...' makes an absolute path of {path_size} bytes"
            f" with the temporary name; the system allows {path_limit - 1}: choose a shorter"
            " path"
        )
    folder, limit = root, _limit(root, "PC_NAME_MAX", DEFAULT_NAME_MAX)
    for index, name in enumerate(posix.parts, 1):
        last = index == len(posix.parts)
        size = len(os.fsencode(name)) + (TEMPORARY_NAME_EXTRA if last else 0)
        if size > limit:
            raise UnsafeOutputPath(
                f"output path '{relative}' has a name of {size} bytes ('{name[:20]}...'"
                f"{' as the temporary name' * last}); the file system allows {limit}:"
                " choose a shorter name"
            )
        folder = folder / name
        if not last and folder.is_dir():  # else the rest is created in the last folder found
            limit = _limit(folder, "PC_NAME_MAX", DEFAULT_NAME_MAX)


def _limit(folder: Path, name: str, default: int) -> int:
    """``os.pathconf(folder, name)``, or ``default`` when the system does not say."""
    try:
        return os.pathconf(folder, name)
    except (OSError, ValueError, AttributeError):  # no limit known, or no pathconf (Windows)
        return default
