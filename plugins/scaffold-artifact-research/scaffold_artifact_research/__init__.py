"""Artifact type ``research``: a research document.

A research document states a problem, the goals of the investigation, what is already known,
what was found (one subsection per finding, with its source) and what is still open.
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

__all__ = ["ResearchContext", "ResearchFinding", "ResearchRenderContext"]


class ResearchFinding(DocumentItem):
    """One finding: a topic (its subsection heading), what was found and where from."""

    topic: SingleLineText = Field(
        description="What the finding is about, in a few words; its subsection heading."
    )
    finding: Text = Field(
        description="What was found; may span several paragraphs.", json_schema_extra=part()
    )
    source: SingleLineText | None = Field(
        default=None,
        description="Where it comes from: a benchmark, a link, a reference number like '[2]'.",
        json_schema_extra=part("line", label="Source"),
    )


class ResearchContext(BaseDocumentContext):
    """What a user provides to scaffold a research document."""

    default_output_path = "docs/research/{title:kebab}.md"

    problem_statement: Text = Field(
        description="The problem the research investigates, and why it matters now.",
        json_schema_extra=section("Problem statement", "text"),
    )
    goals: list[SingleLineText] = Field(
        min_length=1,
        description="What the research must establish, one line each.",
        json_schema_extra=section("Goals", "bullets"),
    )
    background: Text | None = Field(
        default=None,
        description="What is already known: history, earlier attempts, context.",
        json_schema_extra=section("Background", "text"),
    )
    findings: list[ResearchFinding] = Field(
        default_factory=list,
        description="What was found, one subsection each, in order; topics must differ.",
        json_schema_extra=section("Findings", "subsections", subheading="topic"),
    )
    questions: list[SingleLineText] = Field(
        default_factory=list,
        description="Questions the research leaves open, one line each.",
        json_schema_extra=section("Open questions", "bullets"),
    )
    references: list[SingleLineText] = Field(
        default_factory=list,
        description="Sources, numbered in order so that findings can cite them as [1], [2].",
        json_schema_extra=section("References", "numbered"),
    )


class ResearchRenderContext(ResearchContext, BaseRenderContext):
    """What the ``research`` template receives."""
