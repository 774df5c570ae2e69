"""One process writing many DTOs: validated, rendered and written, each with its record.

The issue's target is 5,000 DTOs per second. Four variants run interleaved, chunk by chunk,
so that machine noise hits them alike:

- **per call**: ``ArtifactManager.scaffold`` once per DTO, as a script would (the figure the
  issue quotes); its project is the one ``status`` and ``update`` are timed on afterwards;
- **batch()**: the same calls inside ``with manager.batch():``, which reuses the write
  journal instead of creating and deleting one per call (each call still its own
  all-or-nothing write);
- **render only**: ``ArtifactManager.render`` of the same DTOs, nothing written: what
  validation and rendering alone allow;
- **file-system floor**: only the two files of each DTO (the module and its record) created
  with ``open(O_EXCL)``, written and closed, no scaffold at all: what this disk allows.
"""

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scaffold_core import ArtifactManager

__all__ = ["TARGET", "BatchFigures", "dto", "measure", "rows"]

TARGET = 5000
"""DTOs per second, the issue's target for one process."""

CHUNK = 50
"""DTOs per variant before the next variant's turn."""


def dto(number: int) -> dict[str, object]:
    """The input of the ``number``-th DTO (every bench row writes these)."""
    return {
        "name": f"Order{number}",
        "description": "One order.",
        "fields": [{"name": "total", "type": "Decimal"}, {"name": "tags", "type": "list[str]"}],
    }


@dataclass(frozen=True)
class BatchFigures:
    """DTOs per second of each variant (whole time over the count), and DTO files made.

    ``files`` counts the per-call run's DTO files, which its project keeps with one record
    each (plus a warm-up file) for the ``status`` and ``update`` rows.
    """

    per_call: float
    batched: float
    render_only: float
    floor: float
    files: int


def measure(count: int, work: Path) -> BatchFigures:
    """Run the four variants over ``count`` DTOs each, in ``work/batch`` and beside it."""
    project, batched, floor = work / "batch", work / "batch-api", work / "batch-floor"
    for folder in (project, batched, floor / "dtos"):
        folder.mkdir(parents=True)
    per_call = ArtifactManager(project)
    per_call.scaffold("dto", dto(0), output_path="warm.py")
    grouped = ArtifactManager(batched)
    grouped.scaffold("dto", dto(0), output_path="warm.py")
    # The record's size for the floor: as large as the one scaffold writes.
    record_size = len((project / ".scaffold/records/warm.py.json").read_bytes())
    module_size = len((project / "warm.py").read_bytes())

    def scaffold_each(start: int, stop: int) -> None:
        for number in range(start, stop):
            per_call.scaffold("dto", dto(number), output_path=f"dtos/dto_{number:04d}.py")

    def scaffold_batched(start: int, stop: int) -> None:
        with grouped.batch():
            for number in range(start, stop):
                grouped.scaffold("dto", dto(number), output_path=f"dtos/dto_{number:04d}.py")

    def render_only(start: int, stop: int) -> None:
        for number in range(start, stop):
            per_call.render("dto", dto(number), output_path=f"rendered/dto_{number:04d}.py")

    def create_files(start: int, stop: int) -> None:
        for number in range(start, stop):
            for name, size in ((f"d{number}.py", module_size), (f"d{number}.json", record_size)):
                descriptor = os.open(floor / "dtos" / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
                os.write(descriptor, b"x" * size)
                os.close(descriptor)

    variants: dict[str, Callable[[int, int], None]] = {
        "per call": scaffold_each,
        "batch()": scaffold_batched,
        "render only": render_only,
        "floor": create_files,
    }
    seconds = dict.fromkeys(variants, 0.0)
    for start in range(0, count, CHUNK):
        for name, run in variants.items():
            started = time.perf_counter()
            run(start, min(start + CHUNK, count))
            seconds[name] += time.perf_counter() - started
    return BatchFigures(
        per_call=count / seconds["per call"],
        batched=count / seconds["batch()"],
        render_only=count / seconds["render only"],
        floor=count / seconds["floor"],
        files=len(list((project / "dtos").iterdir())),
    )


def rows(figures: BatchFigures) -> list[str]:
    """The bench's lines: each variant's rate and per-DTO time, against the target."""

    def row(label: str, per_second: float) -> str:
        return f"  {label:<52} {per_second:7,.0f}/s {1000 / per_second:6.3f} ms/DTO"

    return [
        f"batch: {figures.files} artifacts (dto), one process, target >= {TARGET:,}/s",
        row("per call: scaffold() each, file + record", figures.per_call),
        row("batch(): the same calls in `with manager.batch()`", figures.batched),
        row("render only: render() each, nothing written", figures.render_only),
        row("file-system floor: create the 2 files, no scaffold", figures.floor),
    ]
