"""Threads sharing one ArtifactManager, and processes writing into one project at once."""

import ast
import contextlib
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from scaffold_core import ArtifactManager, OutputExists

THREADS, PROCESSES, EACH = 10, 4, 8


def dto(number: int) -> dict[str, object]:
    return {"name": f"Order{number}", "fields": [{"name": "total", "type": "Decimal"}]}


def assert_complete(path: Path) -> None:
    text = path.read_text()
    assert text.startswith("# scaffold: template=dto ")
    ast.parse(text)
    assert text.count("class Order") == 1


@pytest.mark.parametrize("batched", [False, True], ids=["per call", "in batch()"])
def test_threads_share_one_manager(tmp_path, batched):
    manager = ArtifactManager(tmp_path)
    errors: list[BaseException] = []
    created: list[int] = []

    def work(worker: int) -> None:
        try:
            for number in range(EACH):
                manager.scaffold("dto", dto(number), output_path=f"t{worker}/o{number}.py")
                manager.scaffold("dto", dto(worker), output_path="shared.py", force=True)
            try:
                manager.scaffold("dto", dto(worker), output_path="first.py")
                created.append(worker)
            except OutputExists:
                pass
        except BaseException as error:  # noqa: BLE001 -- reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    with manager.batch() if batched else contextlib.nullcontext():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert len(created) == 1
    files = sorted(tmp_path.rglob("*.py"))
    assert len(files) == THREADS * EACH + 2
    for path in files:
        assert_complete(path)
    leftovers = [p for p in tmp_path.rglob("*") if p.name.startswith(".")]
    assert leftovers == [tmp_path / ".scaffold"]  # the records' folder, nothing left over
    folder = tmp_path / ".scaffold" / "records"
    recorded = sorted(r.relative_to(folder).as_posix() for r in folder.rglob("*.py.json"))
    assert recorded == sorted(f"{f.relative_to(tmp_path).as_posix()}.json" for f in files)


def process_work(root: str, worker: int) -> int:
    manager = ArtifactManager(root)
    for number in range(EACH):
        manager.scaffold("dto", dto(number), output_path=f"p{worker}/o{number}.py")
        manager.scaffold("dto", dto(worker), output_path="shared.py", force=True)
    try:
        manager.scaffold("dto", dto(worker), output_path="first.py")
    except OutputExists:
        return 0
    return 1


def test_processes_write_into_one_project(tmp_path):
    with ProcessPoolExecutor(PROCESSES) as pool:
        firsts = list(pool.map(process_work, [str(tmp_path)] * PROCESSES, range(PROCESSES)))
    assert sum(firsts) == 1
    files = sorted(tmp_path.rglob("*.py"))
    assert len(files) == PROCESSES * EACH + 2
    for path in files:
        assert_complete(path)
