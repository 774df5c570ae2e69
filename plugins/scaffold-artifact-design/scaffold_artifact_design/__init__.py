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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Rate limiting for the public API",
                    "problem_statement": "A single client can exhaust the API's capacity.",
                    "requirements_functional": ["Limit requests per API key and minute"],
                    "requirements_nonfunctional": ["Adds under 2 ms at p99"],
                    "decision": "Token bucket per API key, kept in Redis.",
                    "rationale": "Redis is already in the request path for sessions.",
                },
                {
                    "title": "Order event outbox",
                    "status": "approved",
                    "version": "1.0",
                    "last_updated": "2026-02-20",
                    "purpose": "Decide how the shop publishes order events reliably.",
                    "scope_in": ["Order created, paid and cancelled events"],
                    "scope_out": ["Inventory events"],
                    "prerequisites": ["Research: choosing a message broker"],
                    "problem_statement": (
                        "The shop writes an order and then publishes its event. When the"
                        " process dies between the two, consumers never hear of the order."
                    ),
                    "requirements_functional": [
                        "Every committed order produces exactly one event",
                        "Events of one order are published in commit order",
                    ],
                    "requirements_nonfunctional": [
                        "Publishing lag under 1 s at p95",
                        "No new infrastructure to operate",
                    ],
                    "constraints": ["PostgreSQL 15 is the only database we run"],
                    "options": [
                        {
                            "name": "Transactional outbox",
                            "summary": (
                                "Write the event to an outbox table in the order's"
                                " transaction; a relay publishes and marks it."
                            ),
                            "pros": ["Atomic with the order", "Plain SQL"],
                            "cons": ["A relay process to run", "Table needs pruning"],
                        },
                        {
                            "name": "Change data capture",
                            "summary": "Stream the orders table's WAL with Debezium.",
                            "pros": ["No change to the shop's code"],
                            "cons": ["Kafka Connect to operate", "Events mirror table rows"],
                        },
                    ],
                    "decision": "Use a transactional outbox with a relay in the shop process.",
                    "rationale": (
                        "It meets both functional requirements without new infrastructure;"
                        " CDC would add Kafka Connect, which nobody on the team operates."
                    ),
                    "key_decisions": [
                        "The relay polls every 200 ms",
                        "Published rows are deleted after 7 days",
                    ],
                    "open_questions": ["Should the relay run in its own deployment later?"],
                    "related_docs": ["docs/research/choosing-a-message-broker.md"],
                },
                {
                    "title": "Suchindex für Produkttexte",
                    "problem_statement": "Die Volltextsuche findet keine Umlaute in „Größe“.",
                    "requirements_functional": ["Suche nach „Grosse“ findet „Größe“"],
                    "requirements_nonfunctional": ["Index-Neuaufbau unter 10 Minuten"],
                    "constraints": ["Nur PostgreSQL, kein separater Suchdienst"],
                    "options": [
                        {
                            "name": "unaccent-Erweiterung",
                            "summary": "Die PostgreSQL-Erweiterung unaccent im Index nutzen.",
                        }
                    ],
                    "decision": "unaccent mit eigenem Textsuch-Wörterbuch.",
                    "rationale": "Bordmittel, kein zusätzlicher Betrieb.",
                },
            ]
        }
    )

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
