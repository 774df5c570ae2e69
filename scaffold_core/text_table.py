"""Plain-text tables for reports (``scaffold list``, ``scaffold parity``, ...)."""

__all__ = ["table"]


def table(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    """Left-aligned columns under an upper-case heading row."""
    cells = [[name.upper() for name in columns]] + [[str(row[n]) for n in columns] for row in rows]
    widths = [max(len(line[index]) for line in cells) for index in range(len(columns))]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        + "\n"
        for line in cells
    )
