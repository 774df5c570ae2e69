"""Artifact type ``design``: a design document.

A design document states the problem and the requirements (numbered, so that reviews can
cite them), the constraints, the options considered with their pros and cons, the decision
and its rationale, and what is still open.
"""

from pydantic import Field

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    DocumentItem,
    SingleLineText,
    Text,
    part,
    section,
)

__all__ = ["DesignContext", "DesignOption", "DesignRenderContext"]


class DesignOption(DocumentItem):
    """One option considered: its name (a subsection heading), a summary, pros and cons."""

    name: SingleLineText = Field(description="A short name for the option; its heading.")
    summary: Text = Field(
        description="What the option is, in a sentence or a paragraph.", json_schema_extra=part()
    )
    pros: list[SingleLineText] = Field(
        default_factory=list,
        description="What speaks for it, one line each.",
        json_schema_extra=part("bullets", label="Pros"),
    )
    cons: list[SingleLineText] = Field(
        default_factory=list,
        description="What speaks against it, one line each.",
        json_schema_extra=part("bullets", label="Cons"),
    )


class DesignContext(BaseDocumentContext):
    """What a user provides to scaffold a design document."""

    default_output_path = "docs/design/{title:kebab}.md"

    problem_statement: Text = Field(
        description="The problem the design solves, and why it needs solving now.",
        json_schema_extra=section("Problem statement", "text"),
    )
    requirements_functional: list[SingleLineText] = Field(
        min_length=1,
        description="What the solution must do, one line each; numbered in the document.",
        json_schema_extra=section("Functional requirements", "numbered"),
    )
    requirements_nonfunctional: list[SingleLineText] = Field(
        min_length=1,
        description="How well it must do it (latency, cost, security), one line each; numbered.",
        json_schema_extra=section("Non-functional requirements", "numbered"),
    )
    constraints: list[SingleLineText] = Field(
        default_factory=list,
        description="Fixed conditions any option must respect, one line each.",
        json_schema_extra=section("Constraints", "bullets"),
    )
    options: list[DesignOption] = Field(
        default_factory=list,
        description="The options considered, one subsection each; names must differ.",
        json_schema_extra=section("Options considered", "subsections", subheading="name"),
    )
    decision: Text = Field(
        description="What was decided, in a sentence or a paragraph.",
        json_schema_extra=section("Decision", "text"),
    )
    rationale: Text = Field(
        description="Why: how the decision meets the requirements better than the others.",
        json_schema_extra=section("Rationale", "text"),
    )
    key_decisions: list[SingleLineText] = Field(
        default_factory=list,
        description="Smaller decisions that follow from the main one, one line each.",
        json_schema_extra=section("Key decisions", "bullets"),
    )
    open_questions: list[SingleLineText] = Field(
        default_factory=list,
        description="What is still to be settled, one line each.",
        json_schema_extra=section("Open questions", "bullets"),
    )


class DesignRenderContext(DesignContext, BaseRenderContext):
    """What the ``design`` template receives."""
