"""A unified diff of one file, as ``git diff`` shows it, for previews and updates."""

import difflib

__all__ = ["file_diff"]


def file_diff(output_path: str, before: str | None, after: str) -> str:
    r"""The change from ``before`` (``None``: no file) to ``after``, as a unified diff.

    Headed ``a/PATH`` / ``b/PATH`` (``/dev/null`` for a new file); empty when nothing
    changes. Every line ends with a line break, and a last line that had none says so
    (``\ No newline at end of file``), as git does.
    """
    if before == after:
        return ""
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{output_path}" if before is not None else "/dev/null",
        f"b/{output_path}",
    )
    return "".join(_ended(line) for line in lines)


def _ended(line: str) -> str:
    return line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n"
