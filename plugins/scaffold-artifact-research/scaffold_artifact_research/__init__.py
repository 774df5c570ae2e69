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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Search latency under load",
                    "problem_statement": "Product search exceeds 800 ms at p95 during sales.",
                    "goals": ["Find where the time goes", "Recommend a fix for the next sale"],
                },
                {
                    "title": "Choosing a message broker",
                    "status": "review",
                    "version": "0.3",
                    "last_updated": "2026-02-10",
                    "purpose": "Inform the broker decision for the order pipeline.",
                    "scope_in": ["Managed offerings on our cloud", "Self-hosted RabbitMQ"],
                    "scope_out": ["Streaming analytics"],
                    "prerequisites": ["The order pipeline design (v1.2)"],
                    "problem_statement": (
                        "The order pipeline polls the database for new orders every five"
                        " seconds, which adds latency and load. We need a broker that delivers"
                        " each order event at least once, in order per customer."
                    ),
                    "goals": [
                        "Compare delivery guarantees of three brokers",
                        "Measure throughput with our message sizes",
                        "Estimate running costs for 2026",
                    ],
                    "background": (
                        "Orders are written by the shop API and read by four consumers.\n\n"
                        "Two incidents in 2025 were caused by the polling job falling behind."
                    ),
                    "findings": [
                        {
                            "topic": "Ordering guarantees",
                            "finding": (
                                "Kafka and Pulsar keep order per partition key; RabbitMQ keeps"
                                " order per queue only, so per-customer order needs one queue"
                                " per shard."
                            ),
                            "source": "Vendor documentation [1], [2]",
                        },
                        {
                            "topic": "Throughput",
                            "finding": "All three sustain 20 000 msg/s with 2 KB messages.",
                            "source": "Load test of 2026-02-03",
                        },
                        {
                            "topic": "Cost",
                            "finding": "Managed Kafka costs about 1 900 € per month at our size.",
                        },
                    ],
                    "questions": [
                        "Do we need exactly-once delivery for refunds?",
                        "Who operates the broker at night?",
                    ],
                    "references": [
                        "Kafka documentation: https://kafka.apache.org/documentation/",
                        "Pulsar documentation: https://pulsar.apache.org/docs/",
                    ],
                    "related_docs": ["docs/design/order-pipeline.md"],
                },
                {
                    "title": "Évaluation des bibliothèques PDF",
                    "problem_statement": "Les factures générées sont trop lourdes (3 Mo).",
                    "goals": ["Réduire la taille des factures sous 300 Ko"],
                    "findings": [
                        {
                            "topic": "Polices intégrées",
                            "finding": "90 % du poids vient des polices intégrées en entier.",
                            "source": "Analyse avec qpdf",
                        }
                    ],
                    "questions": ["Faut-il garder la police « Inter » ?"],
                },
            ]
        }
    )

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
