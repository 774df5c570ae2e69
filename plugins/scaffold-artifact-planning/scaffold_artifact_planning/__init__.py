"""Artifact type ``planning``: a planning document.

A plan summarises the work, lays it out in cycles (a table of cycle, phase and what happens),
names its milestones with target dates, what it depends on, and the risks with their
mitigations.
"""

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, GetJsonSchemaHandler, GetPydanticSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    DocumentItem,
    IsoDate,
    SingleLineText,
    Text,
    column,
    section,
)

__all__ = [
    "PlanningContext",
    "PlanningCycle",
    "PlanningMilestone",
    "PlanningRenderContext",
    "PlanningRisk",
]


def _cycle_number_as_label(value: object) -> object:
    """A cycle given as a number (YAML ``cycle: 2``) becomes its label ``"2"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError(f"a cycle number starts at 1, not {value}")
        return str(value)
    return value


def _number_or_label(schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    return {"anyOf": [{"type": "integer", "minimum": 1}, handler(schema)]}


CycleLabel = Annotated[
    SingleLineText,
    BeforeValidator(_cycle_number_as_label),
    GetPydanticSchema(get_pydantic_json_schema=_number_or_label),
]
"""A cycle's label: a number from 1 (``2``) or a short text (``Sprint 14``)."""


class PlanningCycle(DocumentItem):
    """One row of the cycle table: a cycle, the phase it is in and what happens."""

    cycle: CycleLabel = Field(
        description="The cycle: a number from 1, or a short label such as 'Sprint 14'.",
        json_schema_extra=column("Cycle"),
    )
    phase: SingleLineText = Field(
        description="The phase of the work, e.g. 'Discovery'.", json_schema_extra=column("Phase")
    )
    description: SingleLineText = Field(
        description="What happens in this cycle, in one line.",
        json_schema_extra=column("Description"),
    )


class PlanningMilestone(DocumentItem):
    """One milestone: a name, an optional target date and what it means."""

    name: SingleLineText = Field(
        description="The milestone's name, e.g. 'Beta open'.",
        json_schema_extra=column("Milestone"),
    )
    target_date: IsoDate | None = Field(
        default=None,
        description="When it should be reached (YYYY-MM-DD); 'TBD' when omitted.",
        json_schema_extra=column("Target date", empty="TBD"),
    )
    description: SingleLineText = Field(
        description="What is true once it is reached.", json_schema_extra=column("Description")
    )


class PlanningRisk(DocumentItem):
    """One risk, how likely it is and what is done about it."""

    risk: SingleLineText = Field(
        description="What could go wrong, in one line.", json_schema_extra=column("Risk")
    )
    likelihood: Literal["low", "medium", "high"] | None = Field(
        default=None,
        description="How likely it is: low, medium or high; a column once any risk says it.",
        json_schema_extra=column(
            "Likelihood", empty="\N{EN DASH}", style="capitalize", optional=True
        ),
    )
    mitigation: SingleLineText = Field(
        description="What is done to prevent or absorb it.", json_schema_extra=column("Mitigation")
    )


class PlanningContext(BaseDocumentContext):
    """What a user provides to scaffold a planning document."""

    default_output_path = "docs/planning/{title:kebab}.md"

    summary: Text = Field(
        description="The plan in a few sentences: what is done, in what order, and why.",
        json_schema_extra=section("Summary", "text"),
    )
    cycles: list[PlanningCycle] = Field(
        min_length=1,
        description="The cycles of the work, in order; each cycle and phase pair once.",
        json_schema_extra=section("Cycles", "table", key=("cycle", "phase")),
    )
    milestones: list[PlanningMilestone] = Field(
        default_factory=list,
        description="Points that mark progress, in order; names must differ.",
        json_schema_extra=section("Milestones", "table", key=("name",)),
    )
    dependencies: list[SingleLineText] = Field(
        default_factory=list,
        description="What the plan needs from outside the team, one line each.",
        json_schema_extra=section("Dependencies", "bullets"),
    )
    risks: list[PlanningRisk] = Field(
        default_factory=list,
        description="What could go wrong and its mitigation; a table.",
        json_schema_extra=section("Risks", "table"),
    )


class PlanningRenderContext(PlanningContext, BaseRenderContext):
    """What the ``planning`` template receives."""
