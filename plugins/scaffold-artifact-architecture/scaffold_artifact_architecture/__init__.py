"""Artifact type ``architecture``: an architecture document.

It names the concepts a system is built from, records the architectural decisions taken
about it (each with its status and, optionally, a link to the full decision record) and lists
the constraints every change has to respect.
"""

import re
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    SingleLineText,
    Text,
    repeated_names,
    section,
)

__all__ = [
    "ArchitectureConcept",
    "ArchitectureContext",
    "ArchitectureDecision",
    "ArchitectureRenderContext",
    "DecisionStatus",
    "LinkTarget",
]

DecisionStatus = Literal["proposed", "accepted", "rejected", "superseded", "deprecated"]
"""Where an architectural decision stands."""

_LINK_TARGET = re.compile(r"[^\s<>()\[\]]+")


def _link_target(value: str) -> str:
    if not _LINK_TARGET.fullmatch(value):
        raise PydanticCustomError(
            "link_target",
            "expected a URL or relative path without spaces, brackets or parentheses,"
            " e.g. 'docs/adr/0003-postgresql.md'",
            {"value": value},
        )
    return value


LinkTarget = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_link_target)]
"""A URL or relative path usable as a Markdown link target as it is: no spaces, no brackets."""


class ArchitectureConcept(BaseModel):
    """One concept of the architecture: a building block and what it is."""

    model_config = ConfigDict(extra="forbid")

    name: SingleLineText = Field(description="The concept's name, its sub-heading.")
    description: Text = Field(description="What the concept is and how it relates to others.")


class ArchitectureDecision(BaseModel):
    """One architectural decision, in the spirit of a short decision record."""

    model_config = ConfigDict(extra="forbid")

    title: SingleLineText = Field(description="The decision in a few words, its sub-heading.")
    decision: Text = Field(description="What was decided and, briefly, why.")
    status: DecisionStatus = Field(description="Where the decision stands.")
    link: LinkTarget | None = Field(
        default=None,
        description="URL or relative path of the full decision record (ADR), if there is one.",
    )


class ArchitectureContext(BaseDocumentContext):
    """What a user provides to scaffold an architecture document."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Order platform architecture",
                    "status": "approved",
                    "version": "1.2",
                    "last_updated": "2025-03-04",
                    "purpose": "How the order platform is put together and why.",
                    "scope_in": ["Order intake", "Payment capture", "Fulfilment hand-off"],
                    "scope_out": ["Warehouse management"],
                    "prerequisites": ["Read the domain glossary"],
                    "concepts": [
                        {
                            "name": "Order",
                            "description": "A customer's request to buy one or more items;"
                            " the aggregate root of the ordering context.",
                        },
                        {
                            "name": "Payment intent",
                            "description": "The authorisation to capture money for one"
                            " order.\nIt outlives the order only for refunds.",
                        },
                        {
                            "name": "Outbox",
                            "description": "Events written in the same transaction as the"
                            " state change they describe, then relayed to the broker.",
                        },
                    ],
                    "decisions": [
                        {
                            "title": "PostgreSQL is the system of record",
                            "decision": "Every order lives in one PostgreSQL database;"
                            " read models are rebuilt from it.",
                            "status": "accepted",
                            "link": "docs/adr/0003-postgresql.md",
                        },
                        {
                            "title": "Events leave through an outbox",
                            "decision": "Services never publish to the broker directly.",
                            "status": "proposed",
                        },
                    ],
                    "constraints": [
                        "p99 order intake latency under 300 ms",
                        "No card data is stored outside the payment provider",
                    ],
                    "related_docs": ["docs/design/checkout.md"],
                },
                {
                    "title": "Billing service overview",
                    "concepts": [
                        {"name": "Invoice", "description": "What a customer owes for a period."}
                    ],
                },
                {
                    "title": "Notification pipeline",
                    "status": "review",
                    "purpose": "Shared picture of how notifications reach users.",
                    "concepts": [
                        {"name": "Channel", "description": "E-mail, SMS or push."},
                        {
                            "name": "Template",
                            "description": "A message body per channel and locale.",
                        },
                    ],
                    "decisions": [
                        {
                            "title": "One queue per channel",
                            "decision": "A slow channel must never delay the others.",
                            "status": "accepted",
                        }
                    ],
                    "constraints": ["Messages are sent at most once"],
                },
            ]
        }
    )

    default_output_path = "docs/architecture/{title:kebab}.md"

    concepts: list[ArchitectureConcept] = Field(
        min_length=1,
        description="The building blocks of the architecture, in reading order.",
        json_schema_extra=section("Concepts"),
    )
    decisions: list[ArchitectureDecision] = Field(
        default_factory=list,
        description="Architectural decisions taken or proposed, in the order they were made.",
        json_schema_extra=section("Decisions"),
    )
    constraints: list[SingleLineText] = Field(
        default_factory=list,
        description="Rules every change must respect, one line each.",
        json_schema_extra=section("Constraints"),
    )

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        for what, names in (
            ("concept names", [concept.name for concept in self.concepts]),
            ("decision titles", [decision.title for decision in self.decisions]),
        ):
            repeated = repeated_names(names)
            if repeated:
                raise ValueError(f"{what} must be unique; repeated: {', '.join(repeated)}")
        return self


class ArchitectureRenderContext(ArchitectureContext, BaseRenderContext):
    """What the ``architecture`` template receives."""
