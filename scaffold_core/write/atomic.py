"""Write files atomically, never replacing an existing one unless asked to.

One file or several, the same rule: every file lands whole, or none does, also when the
process is interrupted (Ctrl-C) or killed (see ``scaffold_core.write.journal``).
"""

import contextlib
import os
from collections.abc import Collection, Sequence
from pathlib import Path

from scaffold_core.errors import OutputExists, WriteFailed
from scaffold_core.write.journal import (
    Entry,
    Journal,
    JournalPool,
    back_up,
    create_exclusively,
    undo_all,
)

__all__ = ["write_all", "write_atomic"]


def write_atomic(
    target: Path, content: str, *, overwrite: bool, project_root: Path | None = None
) -> None:
    """Write ``content`` to ``target`` so that readers see the old file or the new, whole.

    Raises as ``write_all`` does.
    """
    write_all([(target, content)], overwrite=overwrite, project_root=project_root)


def write_all(
    files: Sequence[tuple[Path, str]],
    *,
    overwrite: bool,
    project_root: Path | None = None,
    replace: Collection[Path] = (),
    journals: JournalPool | None = None,
) -> None:
    """Write every ``(target, content)``, or leave the file system as it was.

    Each content is staged as a temporary file beside its target (a new file gets the
    umask's mode, a replaced one keeps its mode); then each is moved into place:
    ``os.replace`` when overwriting (the old file kept as a backup until the end), else
    ``create_exclusively``, which fails if the target exists, atomically, even against other
    processes. On any failure, Ctrl-C included, what was placed is undone, and temporary
    files, backups and the folders this write created are removed.

    With ``project_root`` (every target inside it) and more than one file, a journal there
    lets the next ``ArtifactManager`` undo the write of a killed process
    (``recover_interrupted_writes``). One file needs none: its single rename or link is
    atomic, and a journal would double the cost of a write; a process killed while writing
    it may leave its temporary file (``.<name>.XXXXXXXX``), never a partial target.
    ``journals`` (a pool of ``project_root``'s, see ``ArtifactManager.batch``) lends the
    journal instead of a new file. Targets in ``replace`` are replaced even without
    ``overwrite`` (scaffold's own records, which follow the files they describe). Raises
    ``OutputExists``, or ``WriteFailed`` when the file system refuses; their messages name a
    path inside ``project_root`` relative to it.
    """
    replaced = frozenset(replace)  # a set: a batch of n files costs n look-ups, not n²
    encoded = [(target, content.encode()) for target, content in files]
    entries = [
        Entry.plan(target, data, overwrite=overwrite or target in replaced)
        for target, data in encoded
    ]
    folders = _missing_folders([target for target, _ in files])
    current: Path | None = None  # what the error message names
    leftovers: list[Path] = []
    try:
        root = project_root if len(files) > 1 else None
        journal = Journal.begin(root, entries, folders, journals)
        try:
            for current in folders:
                current.mkdir(exist_ok=True)
            for entry, (_, data) in zip(entries, encoded, strict=True):
                current = entry.target
                _stage(entry, data)
            for entry in entries:
                current = entry.target
                leftovers += _place(entry, project_root)
            journal.commit()
        except BaseException:
            _roll_back(journal, entries, folders)
            raise
    except OSError as error:
        shown = _shown(current or project_root or Path(), project_root)
        raise WriteFailed(f"cannot write {shown}: {error.strerror or error}") from error
    _finish(journal, leftovers)


def _missing_folders(targets: Sequence[Path]) -> list[Path]:
    """The folders to create for ``targets``, parents first."""
    missing: set[Path] = set()
    for target in targets:
        folder = target.parent
        while not os.path.lexists(folder) and folder != folder.parent:
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda folder: len(folder.parts))


def _stage(entry: Entry, data: bytes) -> None:
    descriptor = os.open(entry.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        if entry.backup is not None:
            # --force keeps the replaced file's mode; a new file has 0o666 minus the umask.
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(descriptor, entry.target.stat().st_mode & 0o7777)
        # No fsync: other processes see the old file or the new one, whole (the rename is
        # atomic); surviving a power cut is not worth 0.3 ms per generated file.
        while data:
            data = data[os.write(descriptor, data) :]
    finally:
        os.close(descriptor)


def _shown(path: Path, root: Path | None) -> str:
    """``path`` as messages name it: relative to ``root`` when inside it, else as it is."""
    if root is not None:
        base = root.resolve()
        absolute = path.absolute()
        if absolute != base and absolute.is_relative_to(base):
            return absolute.relative_to(base).as_posix()
    return str(path)


def _place(entry: Entry, project_root: Path | None) -> list[Path]:
    """Put ``entry`` in place; the names left to remove once the write is committed."""
    if entry.backup is None:
        try:
            create_exclusively(entry.temporary, entry.target)
        except FileExistsError:
            shown = _shown(entry.target, project_root)
            raise OutputExists(f"{shown} already exists: pass --force to overwrite it") from None
        return [entry.temporary]  # a second link of the placed file (gone without links)
    kept = back_up(entry.target, entry.backup)
    entry.temporary.replace(entry.target)
    return [entry.backup] if kept else []


def _roll_back(journal: Journal, entries: Sequence[Entry], folders: Sequence[Path]) -> None:
    """Undo a failed write; if even that fails, the journal stays for the next run."""
    try:
        undo_all(entries, folders)
    except OSError:
        journal.close(remove=False)
        return
    journal.close(remove=True)


def _finish(journal: Journal, leftovers: Sequence[Path]) -> None:
    """Remove the leftovers of a committed write; if refused, the next run removes them."""
    try:
        for path in leftovers:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    except OSError:
        journal.close(remove=False)
        return
    journal.close(remove=True)
