"""Decide whether an output path is safe, before anything is written or created.

One rule for every way a path enters (``-o``, a recipe's ``output:``, a pattern's result):
relative, POSIX (a backslash is read as ``/``), printable, portable names (no leading or
trailing space, no trailing dot), nothing in ``.git`` and no name of scaffold's own
journals, inside the project even through symbolic links (the target itself is not a link),
a file (not a folder, not under a file), and short enough for the file system, including
the temporary name the writer stages it under.
"""

import errno
import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Final

from scaffold_core.errors import UnsafeOutputPath
from scaffold_core.validate.problems import describe_value
from scaffold_core.write.journal import JOURNAL_PREFIX
from scaffold_core.write.record import RECORD_FOLDER, RECORD_SUFFIX
from scaffold_schemas import COMMENT_SYNTAX

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
    """The real relative POSIX path and absolute target, or ``UnsafeOutputPath``.

    Symbolic links in the folders are resolved before the containment check, so a link
    inside the project that points outside it cannot be used to write there; the returned
    path is the real one (``self/z.py``, ``self`` a link to ``.``, is ``z.py``), which the
    file's header records. The target itself may not be a link, even a dangling one:
    scaffold neither writes through one nor replaces it. Messages quote ``relative`` as
    given. Only the file system is read: nothing is created, so a refused path leaves no
    folder behind.
    """
    posix = check_path_text(relative)
    root = project_root.resolve()
    if _plain_path(root, posix):
        return posix.as_posix(), root / posix
    _check_name_lengths(root, posix, relative)
    if (root / posix).is_symlink():
        raise UnsafeOutputPath(
            f"output path '{relative}' is a symbolic link; scaffold does not write through or"
            " over links: remove the link or choose another path"
        )
    target = _resolve(root / posix, relative)
    if not target.is_relative_to(root):
        raise UnsafeOutputPath(
            f"output path '{relative}' resolves to {target}, outside the project root {root}"
            " (through a symbolic link)"
        )
    real = PurePosixPath(target.relative_to(root).as_posix())
    reason = _reserved_name(real)  # a link may lead into .git
    if reason is not None:
        raise UnsafeOutputPath(f"output path '{relative}' leads to '{real}', which has {reason}")
    _check_folders(root, real, relative)
    return real.as_posix(), root / real


def _plain_path(root: Path, posix: PurePosixPath) -> bool:
    """Whether ``posix`` is safe and has no link on its way: the common case, checked fast.

    One ``lstat`` per name, from the (real) root down to the first that does not exist:
    each existing folder is a folder, the target a file or absent, and no name a symbolic
    link, so the path is real and inside the root. Lengths are checked as
    ``_check_name_lengths`` does, each name before it is looked at, with each file system's
    limits read once (``_limits``). ``False`` leaves the decision, and the message of a
    refusal, to the general checks.
    """
    # Text, not pathlib, from here: this runs for every file written.
    folder = os.fspath(root)
    try:
        name_limit, path_limit = _limits(folder)
    except OSError:
        return False
    record = f"{folder}{os.sep}{RECORD_FOLDER}{os.sep}{posix}"
    if len(os.fsencode(record)) + _RECORD_EXTRA >= path_limit:
        return False
    absent = False
    for index, name in enumerate(posix.parts, 1):
        last = index == len(posix.parts)
        if len(os.fsencode(name)) + (_RECORD_EXTRA if last else 0) > name_limit:
            return False
        if absent:
            continue  # the write creates it in the last folder found, whose limit holds
        folder = f"{folder}{os.sep}{name}"
        try:
            found = os.lstat(folder)
        except FileNotFoundError:
            absent = True
            continue
        except OSError:
            return False
        if stat.S_ISDIR(found.st_mode) == last or stat.S_ISLNK(found.st_mode):
            return False  # a folder as the target, a file on the way, or a link
        if not last:
            name_limit = _limits(folder, found.st_dev)[0]
    return True


_LIMITS: dict[int, tuple[int, int]] = {}
"""``(name limit, path limit)`` per file system (``st_dev``): ``pathconf`` once for each."""


def _limits(folder: str, device: int | None = None) -> tuple[int, int]:
    """The name and path length limits of the file system of ``folder`` (a real path).

    Read once per device (``st_dev``, looked up unless given). Raises ``OSError`` when
    ``folder`` cannot be looked at.
    """
    if device is None:
        device = os.lstat(folder).st_dev
    limits = _LIMITS.get(device)
    if limits is None:
        limits = _LIMITS[device] = (
            _limit(Path(folder), "PC_NAME_MAX", DEFAULT_NAME_MAX),
            _limit(Path(folder), "PC_PATH_MAX", DEFAULT_PATH_MAX),
        )
    return limits


def _resolve(path: Path, relative: str) -> Path:
    """``path`` with its links resolved; ``UnsafeOutputPath`` for a loop of links."""
    try:
        return path.resolve()
    except RuntimeError:  # Python < 3.13 reports a loop so
        pass
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise UnsafeOutputPath(
                f"output path '{relative}' cannot be looked at: {error.strerror}"
            ) from None
    raise UnsafeOutputPath(
        f"output path '{relative}' goes through a loop of symbolic links: fix or remove the"
        " link, or choose another path"
    )


def check_path_text(
    relative: str, what: str = "output path", *, folder: bool = False
) -> PurePosixPath:
    """``relative`` as a POSIX path, if its text alone is acceptable; else ``UnsafeOutputPath``.

    Refused: blank; ``-`` (standard output, as ``-o -`` means); a character that is not
    printable (control characters and line breaks would break the header line, U+202E
    reverses what a reader sees, a surrogate is a byte that is not UTF-8); a comment
    closer; absolute; a ``..`` segment; the project root itself (``.``); a name that is not
    portable or is reserved (``_reserved_name``); a trailing slash (a folder), unless
    ``folder``. ``what`` names the text in messages, which quote
    ``relative`` as given.
    """
    if not relative.strip():
        raise UnsafeOutputPath(
            f"{what} '{relative}' is empty: give a file path relative to the project root"
        )
    if relative == "-":
        raise UnsafeOutputPath(
            f"{what} '-' stands for standard output ('scaffold new -o -' prints the file):"
            " to write a file, give it a name"
        )
    for position, character in enumerate("" if relative.isprintable() else relative, 1):
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
    reason = _reserved_name(posix)
    if reason is not None:
        raise UnsafeOutputPath(f"{what} '{relative}' has {reason}")
    if relative.endswith(("/", "\\")) and not folder:
        raise UnsafeOutputPath(f"{what} '{relative}' names a folder: give a file path")
    return posix


def _reserved_name(posix: PurePosixPath) -> str | None:
    """Why a name in ``posix`` may not be written, or ``None``.

    A name with a leading or trailing space or a trailing dot is not portable (Windows drops
    them: ``x.py.`` is ``x.py`` there). ``.git`` (any case: a case-insensitive file system
    finds it too) is the repository's own, and ``.scaffold`` at the top scaffold's records. A
    file name starting with ``.scaffold-journal.`` is one of scaffold's journals, which
    recovery reads and removes.
    """
    for name in posix.parts:
        if name != name.strip(" ") or name.endswith("."):
            return (
                f"the name '{name}', which starts or ends with a space or ends with a dot:"
                " Windows drops those, so choose a portable name"
            )
        if name.lower() == ".git":
            return "'.git' in it: scaffold never writes into the repository's .git folder"
    if posix.parts and posix.parts[0].lower() == RECORD_FOLDER.partition("/")[0]:
        return (
            f"'{posix.parts[0]}' at the top: the project's '{RECORD_FOLDER.partition('/')[0]}'"
            " folder holds scaffold's records of what it wrote"
        )
    if posix.name.startswith(JOURNAL_PREFIX):
        return (
            f"the file name '{posix.name}': names starting with '{JOURNAL_PREFIX}' are"
            " reserved for scaffold's write journals"
        )
    return None


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


_RECORD_EXTRA: Final = TEMPORARY_NAME_EXTRA + len(RECORD_SUFFIX)
_AS_RECORD: Final = " as its record's temporary name"


def _check_name_lengths(root: Path, posix: PurePosixPath, relative: str) -> None:
    """The whole absolute path, and each name, fit the file system's limits.

    The file's name and the path are counted as the temporary name the writer stages first,
    of the file's record (under ``RECORD_FOLDER``, with ``RECORD_SUFFIX``), the longer one.
    Checked before anything else looks at the path (a look at a path too long fails too):
    the path against the root's limit, each name against its parent folder's, folder by
    folder from the root while they exist (a mount point may have other limits).
    """
    path_size = len(os.fsencode(root / RECORD_FOLDER / posix)) + _RECORD_EXTRA
    path_limit = _limit(root, "PC_PATH_MAX", DEFAULT_PATH_MAX)
    if path_size >= path_limit:  # the limit counts the terminating NUL
        raise UnsafeOutputPath(
            f"output path '{relative[:40]}...' makes an absolute path of {path_size} bytes"
            f"{_AS_RECORD}; the system allows {path_limit - 1}: choose a shorter path"
        )
    folder, limit = root, _limit(root, "PC_NAME_MAX", DEFAULT_NAME_MAX)
    for index, name in enumerate(posix.parts, 1):
        last = index == len(posix.parts)
        size = len(os.fsencode(name)) + (_RECORD_EXTRA if last else 0)
        if size > limit:
            raise UnsafeOutputPath(
                f"output path '{relative}' has a name of {size} bytes ('{name[:20]}...'"
                f"{_AS_RECORD * last}); the file system allows"
                f" {limit}: choose a shorter name"
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
