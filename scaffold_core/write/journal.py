"""The journal of a write in progress: what to undo if the process dies half-way.

Renaming several files into place cannot be one atomic step on POSIX, so before the first
change ``write_all`` records every target, its temporary name and the name its previous
content is saved under, in ``<project root>/.scaffold-journal.<token>.json``; the file stays
open and ``flock``-ed while the process lives. After the last file is in place its last key,
``"committed": false``, is overwritten in place with ``true`` (the commit point: one small
write, no rename), the temporary and backup files are removed, then the journal itself.
Earlier versions committed by renaming it to ``.scaffold-journal.<token>.done``; recovery
still reads both.

The next ``ArtifactManager`` in that project calls ``recover_interrupted_writes`` and, for
each journal whose owner is dead (its lock is free): an uncommitted one is **rolled back**
(files placed by it removed, overwritten ones restored, temporary files and created folders
removed); a committed one only has its leftovers removed (every file was already in place).
Either way the project holds the old state or the new, and no temporary file. Recovery
claims only its exact names (``.scaffold-journal.<8 hex>.json`` or ``.done``) and never
deletes a file that is not one of its journals: such a file is left alone, with a warning.
"""

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

if sys.platform != "win32":
    import fcntl

__all__ = ["JOURNAL_PREFIX", "Entry", "Journal", "JournalPool", "recover_interrupted_writes"]

JOURNAL_PREFIX: Final = ".scaffold-journal."
_PENDING: Final = ".json"
_COMMITTED: Final = ".done"
_NAME: Final = re.compile(
    re.escape(JOURNAL_PREFIX)
    + "[0-9a-f]{8}(?:"
    + re.escape(_PENDING)
    + "|"
    + re.escape(_COMMITTED)
    + ")"
)
"""A journal's whole name: the token is ``secrets.token_hex(4)`` (see ``_create_locked``)."""
_UNCOMMITTED: Final = b"false}"
"""How a journal's JSON ends until its write is committed (``"committed": false}``)."""
_COMMIT: Final = b"true "
"""What replaces ``false`` at the commit point: the JSON stays valid, its length the same."""
_SIGNATURE: Final = b'{"version": 1, "files": '
"""How every journal starts (``json.dumps`` of ``Journal.begin``'s document): a file with a
journal's name that is not valid is still scaffold's if it is empty or starts so (its writer
was killed while writing it)."""

NO_HARD_LINKS: Final = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}
)
"""``os.link`` errors meaning "this file system has no hard links here", not "refused"."""


@dataclass(frozen=True)
class Entry:
    """One file of a write: where it goes, where it is staged, where the old file is kept.

    ``backup`` is ``None`` when the write may not overwrite; ``digest`` is the SHA-256 of the
    content, which identifies a placed file whose temporary name is gone.
    """

    target: Path
    temporary: Path
    backup: Path | None
    digest: str

    @classmethod
    def plan(cls, target: Path, content: bytes, *, overwrite: bool) -> "Entry":
        """Names beside ``target`` (``.<name>.<8 hex>``, as long as ``mkstemp``'s), unused.

        The backup's name only when ``overwrite``: one random draw either way.
        """
        tokens = secrets.token_hex(8 if overwrite else 4)
        temporary = target.with_name(f".{target.name}.{tokens[:8]}")
        backup = target.with_name(f".{target.name}.{tokens[8:]}") if overwrite else None
        return cls(target, temporary, backup, hashlib.sha256(content).hexdigest())

    def undo(self) -> str | None:
        """Put the old file back or remove the new one; ``"restored"``, ``"removed"`` or None.

        Works from what is on disk, so it serves a failed write and a dead process alike:
        the temporary file exists until the target is replaced (``os.replace``) and, for a
        created file, stays a second link of it until the write is committed.
        Raises ``OSError`` when the file system refuses.
        """
        outcome = None
        staged = os.path.lexists(self.temporary)
        if self.backup is not None and os.path.lexists(self.backup) and not staged:
            self.backup.replace(self.target)
            outcome = "restored"
        elif self._placed(staged=staged):
            self.target.unlink()
            outcome = "removed"
        self.remove_leftovers()
        return outcome

    def remove_leftovers(self) -> None:
        """Remove the temporary and backup files, if present (``OSError`` if refused)."""
        for path in (self.temporary, self.backup):
            # Absent, also when a parent is a file (NotADirectoryError): nothing to remove.
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                if path is not None:
                    path.unlink()

    def _placed(self, *, staged: bool) -> bool:
        try:
            found = os.lstat(self.target)
        except (FileNotFoundError, NotADirectoryError):
            return False
        if not stat.S_ISREG(found.st_mode):
            return False
        if staged:
            # A hard link of the temporary file; or, for a file this write creates, the empty
            # file reserved by O_EXCL where hard links are not available (see
            # ``create_exclusively``). An overwrite reserves nothing: an empty file there is
            # still the user's (an empty __init__.py), not to be removed.
            reserved = self.backup is None and found.st_size == 0
            return os.path.samestat(found, os.lstat(self.temporary)) or reserved
        with self.target.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest() == self.digest


def create_exclusively(temporary: Path, target: Path) -> None:
    """Move ``temporary`` to ``target`` only if ``target`` does not exist.

    A hard link fails if the target exists, atomically. Where the file system has no hard
    links, ``O_CREAT | O_EXCL`` reserves the name (the same exclusivity: only one creator
    wins), then the staged file replaces the empty reservation. Raises ``FileExistsError``
    or another ``OSError``.
    """
    try:
        os.link(temporary, target)
    except OSError as error:
        if error.errno not in NO_HARD_LINKS:
            raise
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        temporary.replace(target)


def back_up(target: Path, backup: Path) -> bool:
    """Keep the current ``target`` (if any) as ``backup``: a second link, else a copy.

    Returns whether there was one to keep. Raises ``OSError`` (e.g. ``IsADirectoryError``)
    when it cannot be kept.
    """
    try:
        os.link(target, backup, follow_symlinks=False)
    except FileNotFoundError:
        return False
    except OSError as error:
        if error.errno not in NO_HARD_LINKS or not os.path.lexists(target):
            raise
        shutil.copy2(target, backup, follow_symlinks=False)
    return True


class JournalPool:
    """Journal files of one project root kept open and locked between writes, for reuse.

    A write takes an idle journal (or creates one), and gives it back emptied once
    committed and cleaned up, instead of creating and deleting a file each time; threads
    may share a pool. An idle journal is empty: if the process dies, recovery removes it
    and undoes nothing. ``close`` deletes the idle journals (one it cannot delete is left
    to the next run's recovery); a journal given back after that is refused, and its write
    deletes it. The pool belongs to the process that made it: a forked child inherits the
    descriptors, not the pool (its writes create their own journals, and its ``close``
    leaves the parent's alone).
    """

    def __init__(self, root: Path) -> None:
        self.root = root.absolute()
        self._idle: list[tuple[Path, int]] = []
        self._lock = threading.Lock()
        self._closed = False
        self._owner = os.getpid()

    def take(self) -> tuple[Path, int]:
        """An empty journal file, locked by this process: its path and open descriptor."""
        with self._lock:
            if self._idle and os.getpid() == self._owner:
                return self._idle.pop()
        return _create_locked(self.root)

    def give_back(self, path: Path, descriptor: int) -> bool:
        """Empty the journal of a finished write and keep it for the next one.

        Returns ``False`` (nothing done) once the pool is closed; raises ``OSError`` if the
        journal cannot be emptied.
        """
        with self._lock:
            if self._closed or os.getpid() != self._owner:
                return False
            os.ftruncate(descriptor, 0)
            os.lseek(descriptor, 0, os.SEEK_SET)
            self._idle.append((path, descriptor))
        return True

    def close(self) -> None:
        """Delete every idle journal and release its lock."""
        with self._lock:
            idle, self._idle, self._closed = self._idle, [], True
        if os.getpid() != self._owner:
            return
        for path, descriptor in idle:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            os.close(descriptor)


class Journal:
    """The open, locked journal of one write, or a stand-in when there is no project root."""

    def __init__(
        self,
        path: Path | None,
        descriptor: int | None,
        commit_at: int = -1,
        pool: JournalPool | None = None,
    ) -> None:
        self._path = path
        self._descriptor = descriptor
        self._commit_at = commit_at  # where ``false`` of ``"committed": false`` starts
        self._pool = pool  # where the journal goes back once its write is done

    @classmethod
    def begin(
        cls,
        root: Path | None,
        entries: Sequence[Entry],
        folders: Sequence[Path],
        pool: JournalPool | None = None,
    ) -> "Journal":
        """Write and lock the journal of ``entries`` under ``root``; nothing else is touched.

        ``folders`` are the folders this write will create, parents first. With ``root``
        ``None`` no journal is kept (a dead process may then leave temporary files). With
        ``pool`` (of ``root``) the journal file is taken from it, and given back by
        ``close(remove=True)``. Raises ``OSError`` if the journal cannot be written.
        """
        if root is None:
            return cls(None, None)
        root = root.absolute()
        relative = _Relative(root)
        document = {
            "version": 1,
            "files": [
                [
                    relative(entry.target),
                    relative(entry.temporary),
                    None if entry.backup is None else relative(entry.backup),
                    entry.digest,
                ]
                for entry in entries
            ],
            "folders": [relative(folder) for folder in folders],
            "committed": False,  # last: ``commit`` turns it into ``true `` in place
        }
        data = json.dumps(document).encode()
        path, descriptor = _create_locked(root) if pool is None else pool.take()
        journal = cls(path, descriptor, len(data) - len(_UNCOMMITTED), pool)
        try:
            while data:
                data = data[os.write(descriptor, data) :]
        except BaseException:
            journal.close(remove=True)
            raise
        return journal

    def commit(self) -> None:
        """Mark every file as in place: from here on, recovery finishes instead of undoing.

        One write of 5 bytes over ``false`` in the open journal (``"committed": true }``,
        still the same JSON length): cheaper than renaming it, and as atomic against a kill.
        Raises ``OSError`` if refused.
        """
        if self._descriptor is not None:
            os.lseek(self._descriptor, self._commit_at, os.SEEK_SET)
            os.write(self._descriptor, _COMMIT)

    def close(self, *, remove: bool) -> None:
        """Release the lock, deleting the journal first if ``remove``.

        A pooled journal is given back to its pool instead, when ``remove``.
        """
        if remove and self._pool and self._path and self._descriptor is not None:
            with contextlib.suppress(OSError):  # if it cannot be emptied, delete it below
                if self._pool.give_back(self._path, self._descriptor):
                    self._descriptor = None
                    return
        if self._path is not None and remove:
            self._path.unlink(missing_ok=True)
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


def undo_all(entries: Sequence[Entry], folders: Sequence[Path]) -> tuple[int, int]:
    """Undo every entry, then remove the created ``folders`` that are empty.

    Returns (files removed, files restored); raises ``OSError`` if anything is refused.
    """
    outcomes = [entry.undo() for entry in entries]
    for folder in reversed(folders):
        with contextlib.suppress(OSError):  # not empty: someone else put a file there
            folder.rmdir()
    return outcomes.count("removed"), outcomes.count("restored")


def recover_interrupted_writes(root: Path) -> list[str]:
    """Finish or undo the writes of dead processes in ``root``; one message per journal.

    Never raises: a journal that cannot be handled now stays for the next run, and its
    message says why.
    """
    try:
        names = sorted(e.name for e in os.scandir(root) if _NAME.fullmatch(e.name))
    except OSError:
        return []
    messages = []
    for name in names:
        with contextlib.suppress(FileNotFoundError):  # another process recovered it first
            message = _recover_one(root.resolve(), root.resolve() / name)
            if message is not None:
                messages.append(message)
    return messages


def _recover_one(root: Path, path: Path) -> str | None:
    descriptor = os.open(path, os.O_RDONLY)
    journal = Journal(path, descriptor)
    try:
        if not _lock(descriptor, wait=False) or not _still_named(path, descriptor):
            return None  # its writer is alive, or another process just recovered it
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = stream.read()
        parsed = _parse(root, data) if data else None
        if parsed is None and not _SIGNATURE.startswith(data[: len(_SIGNATURE)]):
            return (
                f"left {path.name} alone: it is not a journal of scaffold's, though its name"
                " is reserved for them; rename it"
            )
        if parsed is None:
            # Killed while writing the journal, before changing anything: nothing to undo.
            # An empty one (an idle journal of a batch() block, or killed before its first
            # byte) records that nothing happened: not worth a word.
            journal.close(remove=True)
            return (
                f"removed the unreadable journal {path.name} of an interrupted write"
                if data
                else None
            )
        entries, folders, committed = parsed
        if committed or path.suffix == _COMMITTED:  # ``.done``: an earlier version's commit
            for entry in entries:
                entry.remove_leftovers()
            journal.close(remove=True)
            return (
                f"an interrupted write of {len(entries)} file(s) had completed; removed its"
                f" temporary files ({path.name})"
            )
        removed, restored = undo_all(entries, folders)
        journal.close(remove=True)
    except OSError as error:
        return f"cannot undo the interrupted write in {path.name}: {error}; will retry"
    finally:
        journal.close(remove=False)
    return (
        f"rolled back an interrupted write ({path.name}): {removed} new file(s) removed,"
        f" {restored} restored; run the command again"
    )


def _create_locked(root: Path) -> tuple[Path, int]:
    """A new, empty journal file, locked by this process."""
    while True:
        path = root / f"{JOURNAL_PREFIX}{secrets.token_hex(4)}{_PENDING}"
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        _lock(descriptor, wait=True)
        # Between the open and the lock, a recovering process may have taken the empty file
        # for a dead writer's and deleted it: then start again with a new name.
        if _still_named(path, descriptor):
            return path, descriptor
        os.close(descriptor)


def _lock(descriptor: int, *, wait: bool) -> bool:
    """Take the journal's lock (released by the kernel when the process dies)."""
    if sys.platform == "win32":  # no flock: a journal is never taken for a dead writer's
        return wait
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _still_named(path: Path, descriptor: int) -> bool:
    try:
        return os.path.samestat(path.stat(), os.fstat(descriptor))
    except FileNotFoundError:
        return False


class _Relative:
    """Paths as a journal in ``root`` (absolute) names them: relative to it, POSIX text.

    A path spelt under ``root`` takes string work only: the journal lies in ``root``, so the
    name relative to it holds whatever links ``root`` goes through. Any other path (a target
    spelt through the root's real path) is taken relative to the real root, resolved once.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._prefix = str(root).rstrip(os.sep) + os.sep
        self._real: Path | None = None

    def __call__(self, path: Path) -> str:
        text = str(path)
        if text.startswith(self._prefix):
            return text[len(self._prefix) :].replace(os.sep, "/")
        if self._real is None:
            self._real = self._root.resolve()
        return Path(os.path.relpath(path.absolute(), self._real)).as_posix()


def _parse(root: Path, data: bytes) -> tuple[list[Entry], list[Path], bool] | None:
    """The entries and folders of a journal, and whether it is committed; or ``None``.

    ``None`` if it is not one, or if it names a path outside ``root``: a planted journal
    must not make recovery touch anything else.
    """
    try:
        document = json.loads(data)
        entries = [
            Entry(
                _inside(root, target),
                _inside(root, temporary),
                None if backup is None else _inside(root, backup),
                str(digest),
            )
            for target, temporary, backup, digest in document["files"]
        ]
        folders = [_inside(root, folder) for folder in document["folders"]]
    except (ValueError, TypeError, KeyError):
        return None
    return entries, folders, document.get("committed") is True


def _inside(root: Path, relative: object) -> Path:
    """``root / relative``, or ``ValueError`` unless it is a relative path that stays inside."""
    if not isinstance(relative, str) or not relative or ".." in PurePosixPath(relative).parts:
        raise ValueError(relative)
    path = root / relative
    if PurePosixPath(relative).is_absolute() or not path.parent.resolve().is_relative_to(root):
        raise ValueError(relative)
    return path
