"""Artifact type ``design``: a design document.

A design document states the problem and the requirements (numbered, so that reviews can
cite them), the constraints, the options considered with their pros and cons, the decision
and its rationale, and what is still open.
"""

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    SingleLineText,
    Text,
    repeated_headings,
    section,
)

__all__ = ["DesignContext", "DesignOption", "DesignRenderContext"]


class DesignOption(BaseModel):
    """One option considered: its name (a subsection heading), a summary, pros and cons."""

    model_config = ConfigDict(extra="forbid")

    name: SingleLineText = Field(description="A short name for the option; its heading.")
    summary: Text = Field(description="What the option is, in a sentence or a paragraph.")
    pros: list[SingleLineText] = Field(
        default_factory=list, description="What speaks for it, one line each."
    )
    cons: list[SingleLineText] = Field(
        default_factory=list, description="What speaks against it, one line each."
    )


class DesignContext(BaseDocumentContext):
    """What a user provides to scaffold a design document."""

    default_output_path = "docs/design/{title:kebab}.md"

    problem_statement: Text = Field(
        description="The problem the design solves, and why it needs solving now.",
        json_schema_extra=section("Problem statement"),
    )
    requirements_functional: list[SingleLineText] = Field(
        min_length=1,
        description="What the solution must do, one line each; numbered in the document.",
        json_schema_extra=section("Functional requirements"),
    )
    requirements_nonfunctional: list[SingleLineText] = Field(
        min_length=1,
        description="How well it must do it (latency, cost, security), one line each; numbered.",
        json_schema_extra=section("Non-functional requirements"),
    )
    constraints: list[SingleLineText] = Field(
        default_factory=list,
        description="Fixed conditions any option must respect, one line each.",
        json_schema_extra=section("Constraints"),
    )
    options: list[DesignOption] = Field(
        default_factory=list,
        description="The options considered, one subsection each with pros and cons.",
        json_schema_extra=section("Options considered"),
    )
    decision: Text = Field(
        description="What was decided, in a sentence or a paragraph.",
        json_schema_extra=section("Decision"),
    )
    rationale: Text = Field(
        description="Why: how the decision meets the requirements better than the others.",
        json_schema_extra=section("Rationale"),
    )
    key_decisions: list[SingleLineText] = Field(
        default_factory=list,
        description="Smaller decisions that follow from the main one, one line each.",
        json_schema_extra=section("Key decisions"),
    )
    open_questions: list[SingleLineText] = Field(
        default_factory=list,
        description="What is still to be settled, one line each.",
        json_schema_extra=section("Open questions"),
    )

    @model_validator(mode="after")
    def _distinct_options(self) -> Self:
        repeated = repeated_headings(option.name for option in self.options)
        if repeated:
            raise ValueError(
                f"option names become headings and must be unique; repeated: {', '.join(repeated)}"
            )
        return self


class DesignRenderContext(DesignContext, BaseRenderContext):
    """What the ``design`` template receives."""
