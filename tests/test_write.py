import errno
import hashlib
import json
import os
import resource
import signal
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from scaffold_core import OutputExists, UnsafeOutputPath, WriteFailed
from scaffold_core.write import (
    recover_interrupted_writes,
    resolve_inside,
    safe_path,
    write_all,
    write_atomic,
)
from scaffold_core.write.journal import JOURNAL_PREFIX, JournalPool


def test_resolve_inside_normalises_to_posix(tmp_path):
    relative, target = resolve_inside(tmp_path, "src\\app\\x.py")
    assert relative == "src/app/x.py"
    assert target == tmp_path.resolve() / "src/app/x.py"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/etc/passwd", "absolute"),
        ("C:\\temp\\x.py", "absolute"),
        ("", "is empty"),
        ("a/../../b.py", "contains '..'"),
        (".", "is the project root itself"),
    ],
)
def test_resolve_inside_refuses(tmp_path, path, message):
    with pytest.raises(UnsafeOutputPath, match=message):
        resolve_inside(tmp_path, path)


def outcome_of(root: Path, relative: str) -> object:
    try:
        return resolve_inside(root, relative)
    except UnsafeOutputPath as refused:
        return str(refused)


def test_the_fast_path_check_decides_as_the_general_one(tmp_path, monkeypatch):
    """``resolve_inside`` checks a path without links in one ``lstat`` per name; each
    path here gets the same answer (or message) as from the general checks alone."""
    (tmp_path / "src/pkg").mkdir(parents=True)
    (tmp_path / "src/a.py").write_text("a\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "src/up").symlink_to(tmp_path / "outside")
    (tmp_path / "src/here").symlink_to(tmp_path / "src")
    (tmp_path / "src/link.py").symlink_to(tmp_path / "src/a.py")
    paths = [
        "src/a.py",
        "src/new.py",
        "src/pkg/deep/new.py",
        "new/deeper/x.py",
        "src/pkg",
        "src/a.py/x.py",
        "src/up/x.py",
        "src/here/x.py",
        "src/link.py",
        "src/" + "d" * 256 + "/x.py",
        "new/" + "d" * 256 + "/x.py",
        "src/" + "e" * 250 + ".py",
        "/".join(["f" * 200] * 30),
    ]
    fast = [outcome_of(tmp_path, path) for path in paths]
    monkeypatch.setattr(safe_path, "_plain_path", lambda root, posix: False)
    assert fast == [outcome_of(tmp_path, path) for path in paths]


def test_write_creates_parents_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a" / "b" / "c.py"
    write_atomic(target, "x = 1\n", overwrite=False)
    assert target.read_text() == "x = 1\n"
    assert sorted(path.name for path in target.parent.iterdir()) == ["c.py"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_write_refuses_existing_and_keeps_it(tmp_path):
    target = tmp_path / "c.py"
    target.write_text("old\n")
    with pytest.raises(OutputExists, match="--force"):
        write_atomic(target, "new\n", overwrite=False)
    assert target.read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["c.py"]


def test_overwrite_replaces_whole_file(tmp_path):
    target = tmp_path / "c.py"
    target.write_text("old and long\n" * 100)
    write_atomic(target, "new\n", overwrite=True)
    assert target.read_text() == "new\n"


def test_line_endings_are_written_as_lf(tmp_path):
    target = tmp_path / "c.md"
    write_atomic(target, "a\nb\n", overwrite=False)
    assert target.read_bytes() == b"a\nb\n"


def test_racing_creators_one_wins_none_clobbers(tmp_path):
    target = tmp_path / "race.py"
    outcomes: list[str] = []

    def create(number: int) -> None:
        try:
            write_atomic(target, f"writer = {number}\n" * 1000, overwrite=False)
            outcomes.append("wrote")
        except OutputExists:
            outcomes.append("refused")

    threads = [threading.Thread(target=create, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("wrote") == 1
    lines = set(target.read_text().splitlines())
    assert len(lines) == 1
    assert [path.name for path in tmp_path.iterdir()] == ["race.py"]


def test_file_system_refusal_is_a_write_failure(tmp_path):
    (tmp_path / "file").write_text("a file, not a folder\n")
    with pytest.raises(WriteFailed, match="cannot write"):
        write_atomic(tmp_path / "file" / "x.py", "x = 1\n", overwrite=False)
    (tmp_path / "folder").mkdir()
    with pytest.raises(WriteFailed, match="cannot write"):
        write_atomic(tmp_path / "folder", "x = 1\n", overwrite=True)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["file", "folder"]
    assert list((tmp_path / "folder").iterdir()) == []


# --- Failures leave nothing behind; modes; no hard links; the journal (issue 10, part 6) ---


def everything(root: Path) -> list[str]:
    """Every path under ``root``, relative, sorted: temporary files and folders included."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))


def test_new_files_respect_the_umask_and_force_keeps_the_mode(tmp_path):
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.py", "x = 1\n", overwrite=False)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.py").stat().st_mode) == 0o640
    script = tmp_path / "run.sh"
    script.write_text("old\n")
    script.chmod(0o751)
    write_atomic(script, "new\n", overwrite=True)
    assert stat.S_IMODE(script.stat().st_mode) == 0o751
    assert script.read_text() == "new\n"


def test_a_failed_write_leaves_no_temporary_file_and_no_created_folder(tmp_path):
    (tmp_path / "kept.py").write_text("old\n")
    (tmp_path / "blocker").write_text("a file where a folder should be\n")
    files = [
        (tmp_path / "new" / "deep" / "a.py", "a\n"),
        (tmp_path / "kept.py", "new\n"),
        (tmp_path / "blocker" / "x.py", "x\n"),
    ]
    with pytest.raises(WriteFailed, match=r"cannot write .*blocker/x\.py"):
        write_all(files, overwrite=True, project_root=tmp_path)
    assert everything(tmp_path) == ["blocker", "kept.py"]
    assert (tmp_path / "kept.py").read_text() == "old\n"


def test_a_folder_that_existed_is_kept_when_the_write_fails(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "taken.py").write_text("mine\n")
    files = [(tmp_path / "src" / "a.py", "a\n"), (tmp_path / "src" / "taken.py", "b\n")]
    with pytest.raises(OutputExists):
        write_all(files, overwrite=False, project_root=tmp_path)
    assert everything(tmp_path) == ["src", "src/taken.py"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_write_failure_with_nothing_left(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        files = [(tmp_path / "fresh" / "a.py", "a\n"), (locked / "b.py", "b\n")]
        with pytest.raises(WriteFailed, match="Permission denied"):
            write_all(files, overwrite=False, project_root=tmp_path)
        assert everything(tmp_path) == ["locked"]
    finally:
        locked.chmod(0o755)


def test_a_full_file_system_leaves_no_temporary_file(tmp_path, monkeypatch):
    """Simulated: ``os.write`` fails with ENOSPC half-way through a recipe's files."""
    real_write = os.write
    written: list[int] = []

    def write(descriptor: int, data: bytes) -> int:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(descriptor)
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", write)
    files = [(tmp_path / "out" / f"f{n}.py", f"n = {n}\n") for n in range(5)]
    with pytest.raises(WriteFailed, match="No space left on device"):
        write_all(files, overwrite=False, project_root=tmp_path)
    assert everything(tmp_path) == []


def test_a_failed_overwrite_keeps_the_users_empty_files(tmp_path, monkeypatch):
    """An empty file about to be replaced (an __init__.py) is the user's, not a reservation.

    ENOSPC while staging the last file: every file staged before it is undone, and the
    empty files the write would have replaced stay.
    """
    real_write = os.write
    calls: list[int] = []

    def write(descriptor: int, data: bytes) -> int:
        calls.append(descriptor)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(descriptor, data)

    targets = [tmp_path / f"f{n}.py" for n in range(3)]
    for target in targets:
        target.touch()
    monkeypatch.setattr(os, "write", write)
    with pytest.raises(WriteFailed, match="No space left on device"):
        write_all([(t, "x = 1\n") for t in targets], overwrite=True, project_root=tmp_path)
    assert everything(tmp_path) == ["f0.py", "f1.py", "f2.py"]
    assert all(target.read_bytes() == b"" for target in targets)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and resource limits")
def test_a_file_size_limit_fails_the_write_for_real_and_leaves_nothing(tmp_path):
    """A real refusal by the kernel, without root: a file size limit (EFBIG, as ENOSPC)."""
    files = [(tmp_path / "small.py", "s\n"), (tmp_path / "out" / "big.py", "x = 1\n" * 4000)]
    status = in_child(lambda: write_all(files, overwrite=False, project_root=tmp_path), 8192)
    assert (
        status == "WriteFailed: cannot write out/big.py: File too large"
    )  # named relative to the project root
    assert everything(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV])
def test_without_hard_links_creation_is_still_exclusive(tmp_path, monkeypatch, code):
    def no_links(*arguments: object, **options: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / "a.py", "a = 1\n", overwrite=False)
    with pytest.raises(OutputExists):
        write_atomic(tmp_path / "a.py", "a = 2\n", overwrite=False)
    write_atomic(tmp_path / "a.py", "a = 3\n", overwrite=True)
    assert (tmp_path / "a.py").read_text() == "a = 3\n"
    files = [(tmp_path / "b.py", "b\n"), (tmp_path / "a.py", "a\n")]
    with pytest.raises(OutputExists):
        write_all(files, overwrite=False, project_root=tmp_path)
    assert everything(tmp_path) == ["a.py"]


def test_ctrl_c_during_a_write_undoes_it(tmp_path, monkeypatch):
    (tmp_path / "old.py").write_text("old\n")
    real_replace = Path.replace
    calls: list[Path] = []

    def interrupted(self: Path, target: Path) -> Path:
        calls.append(target)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", interrupted)
    files = [(tmp_path / "old.py", "new\n"), (tmp_path / "src" / "x.py", "x\n")]
    with pytest.raises(KeyboardInterrupt):
        write_all(files, overwrite=True, project_root=tmp_path)
    assert everything(tmp_path) == ["old.py"]
    assert (tmp_path / "old.py").read_text() == "old\n"


def journal_of(root: Path) -> list[str]:
    return [path.name for path in root.iterdir() if path.name.startswith(JOURNAL_PREFIX)]


def test_a_write_leaves_no_journal_and_a_live_journal_is_not_recovered(tmp_path, monkeypatch):
    write_all([(tmp_path / "a.py", "a\n")], overwrite=False, project_root=tmp_path)
    assert everything(tmp_path) == ["a.py"]
    seen: list[list[str]] = []
    real_link = os.link

    def link_and_recover(source: object, target: object, **options: object) -> None:
        # While a write is in progress (its journal locked), recovery leaves it alone.
        seen.append(journal_of(tmp_path))
        assert recover_interrupted_writes(tmp_path) == []
        real_link(source, target, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", link_and_recover)
    pair = [(tmp_path / "b.py", "b\n"), (tmp_path / "c.py", "c\n")]
    write_all(pair, overwrite=False, project_root=tmp_path)
    assert [len(journals) for journals in seen] == [1, 1]
    assert everything(tmp_path) == ["a.py", "b.py", "c.py"]


def in_child(work: Callable[[], object], file_size_limit: int | None = None) -> str:
    """Run ``work`` in a forked child; ``"ok"``, the error it raised, or ``"killed"``."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover -- the child's coverage is not collected
        os.close(reader)
        outcome = "ok"
        try:
            if file_size_limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
            work()
        except Exception as error:  # noqa: BLE001 -- reported to the parent
            outcome = f"{type(error).__name__}: {error}"
        os.write(writer, outcome.encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as stream:
        outcome = stream.read().decode()
    os.waitpid(child, 0)
    return outcome or "killed"


def die_after(calls: int) -> None:
    """From now on, end the process at the ``calls``-th file-system call, as SIGKILL would."""
    count = 0

    def counted(function: Callable[..., object]) -> Callable[..., object]:
        def call(*arguments: object, **options: object) -> object:
            nonlocal count
            count += 1
            if count > calls:
                os._exit(9)
            return function(*arguments, **options)

        return call

    for name in ("open", "write", "mkdir", "link", "replace", "rename", "unlink", "rmdir"):
        setattr(os, name, counted(getattr(os, name)))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_pooled_journals_leave_each_write_old_or_new_wherever_the_process_died(tmp_path):
    """A batch's writes share a journal file: killed at any file-system call of the second
    write, recovery keeps the first write and leaves the second's old state or new."""
    outcomes = set()
    for calls in range(60):
        root = tmp_path / str(calls)
        root.mkdir()
        (root / "old.py").write_text("old\n")
        first = [(root / "a.py", "a\n"), (root / "b.py", "b\n")]
        second = [(root / "old.py", "new\n"), (root / "pkg" / "c.py", "c\n")]

        def work(root: Path = root, first=first, second=second, calls: int = calls) -> None:
            pool = JournalPool(root)
            write_all(first, overwrite=False, project_root=root, journals=pool)
            die_after(calls)
            write_all(second, overwrite=True, project_root=root, journals=pool)
            pool.close()

        outcome = in_child(work)
        messages = recover_interrupted_writes(root)
        outcomes.add((outcome, len(messages)))
        after = {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*.py")}
        old = {"a.py": "a\n", "b.py": "b\n", "old.py": "old\n"}
        assert after in (old, {**old, "old.py": "new\n", "pkg/c.py": "c\n"}), calls
        assert not [p for p in root.rglob("*") if p.name.startswith(".")], calls
        if outcome == "ok":
            break
    assert ("killed", 1) in outcomes
    assert outcome == "ok"


def test_a_pool_reuses_one_journal_and_leaves_none(tmp_path):
    pool = JournalPool(tmp_path)
    for name in "abc":
        pair = [(tmp_path / f"{name}.py", "x\n"), (tmp_path / f"{name}2.py", "y\n")]
        write_all(pair, overwrite=False, project_root=tmp_path, journals=pool)
        # One idle journal between the writes, empty, locked: recovery leaves it alone.
        (journal,) = journal_of(tmp_path)
        assert (tmp_path / journal).read_bytes() == b""
        assert recover_interrupted_writes(tmp_path) == []
    assert journal_of(tmp_path) == [journal]
    pool.close()
    assert journal_of(tmp_path) == []
    # Given back after close (a write still running as its batch ended): deleted.
    write_all(pair, overwrite=True, project_root=tmp_path, journals=pool)
    assert journal_of(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_does_not_share_the_parents_pooled_journal(tmp_path):
    pool = JournalPool(tmp_path)
    pair = [(tmp_path / "a.py", "a\n"), (tmp_path / "b.py", "b\n")]
    write_all(pair, overwrite=False, project_root=tmp_path, journals=pool)
    (idle,) = journal_of(tmp_path)

    def child() -> None:
        write_all(
            [(tmp_path / "c.py", "c\n"), (tmp_path / "d.py", "d\n")],
            overwrite=False,
            project_root=tmp_path,
            journals=pool,
        )
        pool.close()

    assert in_child(child) == "ok"
    assert journal_of(tmp_path) == [idle]  # the child's own journal came and went
    assert (tmp_path / idle).read_bytes() == b""
    pool.close()
    assert everything(tmp_path) == ["a.py", "b.py", "c.py", "d.py"]


def test_a_dead_writers_committed_journal_is_finished_not_undone(tmp_path):
    """Committed (``true`` in place, or an earlier version's ``.done`` name): the files
    stay, the leftovers go."""
    for token, committed, suffix in (("0badf00d", True, ".json"), ("0badf00e", False, ".done")):
        (tmp_path / f"{token}.py").write_text("x\n")
        (tmp_path / f".{token}.py.12345678").write_text("x\n")
        digest = hashlib.sha256(b"x\n").hexdigest()
        document = {
            "version": 1,
            "files": [[f"{token}.py", f".{token}.py.12345678", None, digest]],
            "folders": [],
            "committed": committed,
        }
        (tmp_path / f"{JOURNAL_PREFIX}{token}{suffix}").write_text(json.dumps(document))
        (message,) = recover_interrupted_writes(tmp_path)
        assert message.startswith("an interrupted write of 1 file(s) had completed")
    assert everything(tmp_path) == ["0badf00d.py", "0badf00e.py"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_recovery_leaves_the_old_state_or_the_new_wherever_the_process_died(tmp_path):
    """Every file-system call of a 3-file write (one replaced, two in new folders) is a
    kill point; after each, recovery leaves the old files or the new, and nothing else."""
    outcomes = set()
    for calls in range(60):
        root = tmp_path / str(calls)
        (root / "src").mkdir(parents=True)
        (root / "src" / "old.py").write_text("old\n")
        before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        files = [
            (root / "src" / "old.py", "new\n"),
            (root / "src" / "a.py", "a\n"),
            (root / "pkg" / "deep" / "b.py", "b\n"),
        ]

        def work(files: list[tuple[Path, str]] = files, calls: int = calls) -> None:
            die_after(calls)
            write_all(files, overwrite=True, project_root=files[0][0].parents[1])

        outcome = in_child(work)
        messages = recover_interrupted_writes(root)
        outcomes.add((outcome, len(messages)))
        after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
        assert after in (before, {**before, **{p: c.encode() for p, c in files}}), calls
        assert not [p for p in root.rglob("*") if p.name.startswith(".")], calls
        assert not (root / "pkg").exists() or (root / "pkg/deep/b.py").exists(), calls
        if outcome == "ok":
            break
    assert ("killed", 1) in outcomes
    assert outcome == "ok"


def test_a_planted_journal_cannot_reach_outside_the_project(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    victim = tmp_path / "victim.py"
    victim.write_text("mine\n")
    digest = hashlib.sha256(b"mine\n").hexdigest()
    (project / f"{JOURNAL_PREFIX}0badf00d.json").write_text(
        json.dumps({"version": 1, "files": [["../victim.py", "x", None, digest]], "folders": []})
    )
    (message,) = recover_interrupted_writes(project)
    assert message.startswith(f"removed the unreadable journal {JOURNAL_PREFIX}0badf00d.json")
    assert victim.read_text() == "mine\n"
    assert list(project.iterdir()) == []


@pytest.mark.parametrize(
    "name",
    [
        f"{JOURNAL_PREFIX}notes.md",
        f"{JOURNAL_PREFIX}0badf00d.json.bak",
        f"{JOURNAL_PREFIX}0BADF00D.json",
        f"{JOURNAL_PREFIX}0badf00d.txt",
    ],
)
def test_recovery_ignores_names_that_are_not_exactly_a_journals(tmp_path, name):
    (tmp_path / name).write_text("my notes\n")
    assert recover_interrupted_writes(tmp_path) == []
    assert (tmp_path / name).read_text() == "my notes\n"


def test_recovery_never_deletes_a_file_that_is_not_a_journal(tmp_path):
    """A journal's name, someone else's content: left alone, with a warning."""
    name = f"{JOURNAL_PREFIX}0badf00d.done"
    (tmp_path / name).write_text("my notes\n")
    (message,) = recover_interrupted_writes(tmp_path)
    assert message == (
        f"left {name} alone: it is not a journal of scaffold's, though its name is reserved"
        " for them; rename it"
    )
    assert (tmp_path / name).read_text() == "my notes\n"


def test_a_journal_cut_short_by_a_kill_is_removed(tmp_path):
    name = f"{JOURNAL_PREFIX}0badf00d.json"
    (tmp_path / name).write_bytes(b'{"version": 1, "fi')
    (message,) = recover_interrupted_writes(tmp_path)
    assert message.startswith(f"removed the unreadable journal {name}")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_journal_is_removed_without_a_word(tmp_path):
    """Idle in a batch() block, or killed before its first byte: nothing was interrupted."""
    (tmp_path / f"{JOURNAL_PREFIX}0badf00d.json").write_bytes(b"")
    assert recover_interrupted_writes(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_messages_name_paths_relative_to_the_project_root(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src/a.py").write_text("a = 1\n")
    with pytest.raises(OutputExists, match=r"^src/a\.py already exists: pass --force"):
        write_atomic(tmp_path / "src/a.py", "a = 2\n", overwrite=False, project_root=tmp_path)
