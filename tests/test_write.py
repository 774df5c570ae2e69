import threading

import pytest

from scaffold_core import OutputExists, UnsafeOutputPath, WriteFailed
from scaffold_core.write import resolve_inside, write_atomic


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
