"""A dry run's preview: what writing each file would do to the file that is there now.

A dry run (``scaffold new --dry-run``, the MCP ``scaffold`` tool's ``dry_run``) never
fails for a reason that concerns only writing: a file that exists is compared with its
rendering instead, and the preview says that the real run needs ``--force``.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from scaffold_core.render.header import without_header_times
from scaffold_core.text_diff import file_diff

__all__ = ["Action", "Preview", "preview"]

Action = Literal["create", "overwrite", "identical"]


@dataclass(frozen=True)
class Preview:
    """What writing one file would do; ``diff`` is against the file there now, else ``""``."""

    output_path: str
    action: Action
    diff: str

    def needs_force(self, *, force: bool) -> bool:
        """Whether the real run would be refused without ``--force``."""
        return self.action != "create" and not force

    def as_json(self, *, force: bool) -> dict[str, object]:
        """``{"action", "needs_force", "diff"}`` (``diff`` null unless overwrite)."""
        return {
            "action": self.action,
            "needs_force": self.needs_force(force=force),
            "diff": self.diff or None,
        }


def preview(output_path: str, path: Path, content: str) -> Preview:
    """What writing ``content`` to ``path`` (shown as ``output_path``) would do.

    ``identical``: the file holds this content, or differs only in its header's times
    (``created=``, ``updated=``), which every rendering stamps anew. A file that is not
    UTF-8 is compared with its undecodable bytes replaced.
    """
    if not path.is_file():
        return Preview(output_path, "create", "")
    existing = path.read_text(encoding="utf-8", errors="replace")
    if without_header_times(existing) == without_header_times(content):
        return Preview(output_path, "identical", "")
    return Preview(output_path, "overwrite", file_diff(output_path, existing, content))
