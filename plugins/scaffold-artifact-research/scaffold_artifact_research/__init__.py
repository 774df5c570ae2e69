"""Artifact type ``research``: a research document.

A research document states a problem, the goals of the investigation, what is already known,
what was found (one subsection per finding, with its source) and what is still open.
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

__all__ = ["ResearchContext", "ResearchFinding", "ResearchRenderContext"]


class ResearchFinding(BaseModel):
    """One finding: a topic (its subsection heading), what was found and where from."""

    model_config = ConfigDict(extra="forbid")

    topic: SingleLineText = Field(
        description="What the finding is about, in a few words; its subsection heading."
    )
    finding: Text = Field(description="What was found; may span several paragraphs.")
    source: SingleLineText | None = Field(
        default=None,
        description="Where it comes from: a benchmark, a link, a reference number like '[2]'.",
    )


class ResearchContext(BaseDocumentContext):
    """What a user provides to scaffold a research document."""

    default_output_path = "docs/research/{title:kebab}.md"

    problem_statement: Text = Field(
        description="The problem the research investigates, and why it matters now.",
        json_schema_extra=section("Problem statement"),
    )
    goals: list[SingleLineText] = Field(
        min_length=1,
        description="What the research must establish, one line each.",
        json_schema_extra=section("Goals"),
    )
    background: Text | None = Field(
        default=None,
        description="What is already known: history, earlier attempts, context.",
        json_schema_extra=section("Background"),
    )
    findings: list[ResearchFinding] = Field(
        default_factory=list,
        description="What was found, one subsection each, in order.",
        json_schema_extra=section("Findings"),
    )
    questions: list[SingleLineText] = Field(
        default_factory=list,
        description="Questions the research leaves open, one line each.",
        json_schema_extra=section("Open questions"),
    )
    references: list[SingleLineText] = Field(
        default_factory=list,
        description="Sources, numbered in order so that findings can cite them as [1], [2].",
        json_schema_extra=section("References"),
    )

    @model_validator(mode="after")
    def _distinct_topics(self) -> Self:
        repeated = repeated_headings(finding.topic for finding in self.findings)
        if repeated:
            raise ValueError(
                "finding topics become headings and must be unique;"
                f" repeated: {', '.join(repeated)}"
            )
        return self


class ResearchRenderContext(ResearchContext, BaseRenderContext):
    """What the ``research`` template receives."""
