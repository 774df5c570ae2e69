"""Artifact type ``planning``: a planning document.

A plan summarises the work, lays it out in cycles (a table of cycle, phase and what happens),
names its milestones with target dates, what it depends on, and the risks with their
mitigations.
"""

from datetime import date
from typing import Annotated, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    computed_field,
    model_validator,
)

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    SingleLineText,
    Text,
    repeated_names,
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


CycleLabel = Annotated[SingleLineText, BeforeValidator(_cycle_number_as_label)]
"""A cycle's label: a number from 1 (``2``) or a short text (``Sprint 14``)."""


class PlanningCycle(BaseModel):
    """One row of the cycle table: a cycle, the phase it is in and what happens."""

    model_config = ConfigDict(extra="forbid")

    cycle: CycleLabel = Field(
        description="The cycle: a number from 1, or a short label such as 'Sprint 14'."
    )
    phase: SingleLineText = Field(description="The phase of the work, e.g. 'Discovery'.")
    description: SingleLineText = Field(description="What happens in this cycle, in one line.")


class PlanningMilestone(BaseModel):
    """One milestone: a name, an optional target date and what it means."""

    model_config = ConfigDict(extra="forbid")

    name: SingleLineText = Field(description="The milestone's name, e.g. 'Beta open'.")
    target_date: date | None = Field(
        default=None, description="When it should be reached (YYYY-MM-DD); 'TBD' when omitted."
    )
    description: SingleLineText = Field(description="What is true once it is reached.")


class PlanningRisk(BaseModel):
    """One risk, how likely it is and what is done about it."""

    model_config = ConfigDict(extra="forbid")

    risk: SingleLineText = Field(description="What could go wrong, in one line.")
    mitigation: SingleLineText = Field(description="What is done to prevent or absorb it.")
    likelihood: Literal["low", "medium", "high"] | None = Field(
        default=None, description="How likely it is: low, medium or high."
    )


class PlanningContext(BaseDocumentContext):
    """What a user provides to scaffold a planning document."""

    default_output_path = "docs/planning/{title:kebab}.md"

    summary: Text = Field(
        description="The plan in a few sentences: what is done, in what order, and why.",
        json_schema_extra=section("Summary"),
    )
    cycles: list[PlanningCycle] = Field(
        min_length=1,
        description="The cycles of the work, in order; a table of cycle, phase and description.",
        json_schema_extra=section("Cycles"),
    )
    milestones: list[PlanningMilestone] = Field(
        default_factory=list,
        description="Points that mark progress, in order; a table with their target dates.",
        json_schema_extra=section("Milestones"),
    )
    dependencies: list[SingleLineText] = Field(
        default_factory=list,
        description="What the plan needs from outside the team, one line each.",
        json_schema_extra=section("Dependencies"),
    )
    risks: list[PlanningRisk] = Field(
        default_factory=list,
        description="What could go wrong and its mitigation; a table.",
        json_schema_extra=section("Risks"),
    )

    @model_validator(mode="after")
    def _distinct_rows(self) -> Self:
        problems: list[str] = []
        pairs = [(row.cycle, row.phase) for row in self.cycles]
        repeated_pairs = sorted({pair for pair in pairs if pairs.count(pair) > 1})
        if repeated_pairs:
            listed = ", ".join(f"cycle {cycle} / {phase}" for cycle, phase in repeated_pairs)
            problems.append(f"each cycle and phase may appear once; repeated: {listed}")
        names = [milestone.name for milestone in self.milestones]
        repeated = repeated_names(names)
        if repeated:
            problems.append(f"milestone names must be unique; repeated: {', '.join(repeated)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def risks_rated(self) -> bool:
        """Whether any risk states a likelihood: the risk table then has that column."""
        return any(risk.likelihood is not None for risk in self.risks)


class PlanningRenderContext(PlanningContext, BaseRenderContext):
    """What the ``planning`` template receives."""
