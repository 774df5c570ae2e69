"""Artifact type ``tracking``: a progress and status log of work items.

The document opens with a summary (how many items stand where, how much is done), then a
table of the work items with their status, owner and a note, then what blocks progress,
the next steps and a dated progress log, newest entry first.
"""

from typing import Literal, get_args

from pydantic import Field, computed_field

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    DocumentItem,
    IsoDate,
    SingleLineText,
    column,
    section,
)

__all__ = [
    "ITEM_STATUSES",
    "ItemStatus",
    "LogEntry",
    "TrackingContext",
    "TrackingItem",
    "TrackingRenderContext",
]

ItemStatus = Literal["todo", "in_progress", "blocked", "done"]
"""Where one work item stands."""

ITEM_STATUSES: tuple[ItemStatus, ...] = get_args(ItemStatus)
"""Every item status, in the order the summary lists them."""


class TrackingItem(DocumentItem):
    """One work item and where it stands."""

    # Only the id takes a number (``id: 42``), as its description says; a number given for
    # the title, owner or note is refused, not turned into text.
    id: SingleLineText = Field(
        coerce_numbers_to_str=True,
        description="A short, unique key, e.g. a ticket id 'ORD-142' or a number.",
        json_schema_extra=column("ID"),
    )
    title: SingleLineText = Field(
        description="What the work item is, in a few words.", json_schema_extra=column("Item")
    )
    status: ItemStatus = Field(
        description="Where the item stands.", json_schema_extra=column("Status", style="label")
    )
    owner: SingleLineText | None = Field(
        default=None,
        description="Who drives the item: a person or a team.",
        json_schema_extra=column("Owner", empty="—"),
    )
    note: SingleLineText | None = Field(
        default=None,
        description="One line of context: what is left, what it waits on.",
        json_schema_extra=column("Note", empty="—"),
    )


class LogEntry(DocumentItem):
    """One dated line of the progress log."""

    day: IsoDate = Field(description="The day it happened, ISO format (2025-03-04).")
    entry: SingleLineText = Field(description="What happened, in one line.")


class TrackingContext(BaseDocumentContext):
    """What a user provides to scaffold a tracking document."""

    default_output_path = "docs/tracking/{title:kebab}.md"

    items: list[TrackingItem] = Field(
        min_length=1,
        description="The work items tracked, in the order the table lists them; ids differ.",
        json_schema_extra=section("Work items", "table", key=("id",)),
    )
    blockers: list[SingleLineText] = Field(
        default_factory=list,
        description="What stops progress right now, one line each.",
        json_schema_extra=section("Blockers", "bullets"),
    )
    next_steps: list[SingleLineText] = Field(
        default_factory=list,
        description="What happens next, in order, one line each.",
        json_schema_extra=section("Next steps", "numbered"),
    )
    log: list[LogEntry] = Field(
        default_factory=list,
        description="Dated progress notes, in any order; the document lists the newest first.",
        json_schema_extra=section("Progress log", "block"),
    )

    @computed_field(  # type: ignore[prop-decorator]
        json_schema_extra=section("Summary", "block", before="items")
    )
    @property
    def summary(self) -> dict[ItemStatus, int]:
        """How many items stand in each status, every status listed, in workflow order."""
        return {
            status: sum(item.status == status for item in self.items) for status in ITEM_STATUSES
        }

    @computed_field  # type: ignore[prop-decorator]
    @property
    def done_percent(self) -> int:
        """The share of items done, in whole per cent, rounded down."""
        return self.summary["done"] * 100 // len(self.items)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def log_newest_first(self) -> list[LogEntry]:
        """The progress log, newest entry first (entries of one day keep their order)."""
        return sorted(self.log, key=lambda entry: entry.day, reverse=True)


class TrackingRenderContext(TrackingContext, BaseRenderContext):
    """What the ``tracking`` template receives."""
