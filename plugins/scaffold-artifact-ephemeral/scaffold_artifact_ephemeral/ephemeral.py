"""The ephemeral artifact types ``commit``, ``pr`` and ``issue``: messages, not files.

Each Context is a ``TypedDict``: no lifecycle fields, no header; printed unless an output path
is given. The core fills every optional key left out with ``None`` or an empty list. A field's
rules are its type (JSON Schema: ``pattern``, ``uniqueItems``); the commit's cross-field rules
and its subject line, computed once for the template, are ``message_rules``.
"""

from typing import Annotated, Final, Literal, NotRequired

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    PositiveInt,
    Strict,
    StrictBool,
    with_config,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from scaffold_schemas import Matches, SingleLineText, Text, UniqueList, message_rules, section

__all__ = ["SUBJECT_MAX_LENGTH", "CommitContext", "CommitType", "IssueContext", "PrContext"]

SUBJECT_MAX_LENGTH: Final = 72
"""The longest first line of a commit message, ``type(scope)!: message`` included."""

CommitType = Literal[
    "feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"
]
"""The Conventional Commits types (the Angular convention)."""

# The shortest subjects are "ci: <message>" and "ci(<scope>): x": nothing longer can fit.
_MESSAGE_MAX_LENGTH: Final = SUBJECT_MAX_LENGTH - len("ci: ")
_SCOPE_MAX_LENGTH: Final = SUBJECT_MAX_LENGTH - len("ci(): x")

CommitScope = Annotated[
    SingleLineText,
    Matches(
        f"(?=[a-z0-9_-]{{1,{_SCOPE_MAX_LENGTH}}}(?![a-z0-9_-]))[a-z0-9]+(?:[-_][a-z0-9]+)*",
        "expected one lowercase word, snake_case or kebab-case, e.g. 'parser' or 'order-api',"
        f" at most {_SCOPE_MAX_LENGTH} characters",
        stripped=True,
    ),
]
"""What a commit touches: one lowercase snake_case or kebab-case word."""

Trailer = Annotated[
    SingleLineText,
    Matches(
        r"[A-Za-z][A-Za-z0-9-]*(?:: | #)[^ ][^\n]*",
        "expected a git trailer 'Token: value' or 'Token #value' (the token a word, '-'"
        " instead of spaces), e.g. 'Reviewed-by: Ada Lovelace'",
        stripped=True,
    ),
    # git reads trailer tokens case-insensitively; these two have fields of their own.
    Matches(
        r"(?![Rr][Ee][Ff][Ss](?:: | #))"
        r"(?![Bb][Rr][Ee][Aa][Kk][Ii][Nn][Gg]-[Cc][Hh][Aa][Nn][Gg][Ee](?:: | #))[^\n]*",
        "a 'Refs' or 'BREAKING-CHANGE' trailer belongs in the field 'refs' or"
        " 'breaking_description'",
        stripped=True,
    ),
]
"""A git trailer line such as ``Reviewed-by: Ada Lovelace`` or ``Fixes #12``."""

IssueReference = Annotated[
    SingleLineText,
    Matches(
        r"(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?#[1-9][0-9]*|[A-Z][A-Z0-9]+-[1-9][0-9]*",
        "expected an issue reference such as '#12', 'acme/shop#12' or 'SHOP-12'",
        stripped=True,
    ),
]
"""An issue reference: ``#12``, ``acme/shop#12`` or a tracker key such as ``SHOP-12``."""

GitHubLogin = Annotated[
    SingleLineText,
    Matches(
        r"@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}",
        "expected a GitHub login (letters, digits and single hyphens, up to 39 characters),"
        " e.g. 'octocat' or '@octocat'",
        stripped=True,
    ),
    AfterValidator(lambda login: login.removeprefix("@")),
]
"""A GitHub user name, with or without its leading ``@`` (stored without it)."""


def _section(heading: str) -> FieldInfo:
    field: FieldInfo = Field(json_schema_extra=section(heading))
    return field


def _subject(
    *, type: CommitType, message: str, scope: str | None = None, breaking_change: bool = False
) -> str:
    return f"{type}{f'({scope})' if scope else ''}{'!' if breaking_change else ''}: {message}"


def _subject_fits(*, subject: str) -> None:
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise PydanticCustomError(
            "subject_too_long",
            "the first line '{line}' has {length} characters, at most {limit} are allowed:"
            " shorten the message (or the scope)",
            {"line": subject, "length": len(subject), "limit": SUBJECT_MAX_LENGTH},
        )


def _breaking_needs_flag(
    *, breaking_description: str | None = None, breaking_change: bool = False
) -> None:
    if breaking_description and not breaking_change:
        raise PydanticCustomError(
            "breaking_without_flag", "a breaking_description needs breaking_change: true"
        )


# Each field's description is the docstring under it (use_attribute_docstrings).
_CONFIG: Final = ConfigDict(extra="forbid", use_attribute_docstrings=True)
# The one cross-field rule JSON Schema can say too, so that editors flag it.
_BREAKING_NEEDS_FLAG: Final = ConfigDict(
    json_schema_extra={
        "if": {
            "properties": {"breaking_description": {"type": "string"}},
            "required": ["breaking_description"],
        },
        "then": {
            "properties": {"breaking_change": {"const": True}},
            "required": ["breaking_change"],
        },
    }
)


@message_rules(
    derived={"subject": _subject},
    checks={"message": _subject_fits, "breaking_description": _breaking_needs_flag},
)
@with_config(_CONFIG | _BREAKING_NEEDS_FLAG)
class CommitContext(TypedDict):
    """A Conventional Commits message: ``type(scope)!: message``, body and trailers.

    The first line (type, scope, ``!`` and message together), which the template reads as
    ``subject``, may be at most 72 characters; a breaking_description needs breaking_change.
    """

    type: CommitType
    """What kind of change this is."""
    scope: NotRequired[CommitScope | None]
    """The part of the code base it touches, one lowercase word."""
    breaking_change: NotRequired[StrictBool]
    """It breaks compatibility: the subject gets a '!' after the type."""
    message: Annotated[
        SingleLineText,
        Matches(
            f"[^\\n]{{0,{_MESSAGE_MAX_LENGTH}}}",
            f"expected at most {_MESSAGE_MAX_LENGTH} characters: the whole first line"
            f" 'type(scope)!: message' may have at most {SUBJECT_MAX_LENGTH}",
            stripped=True,
        ),
        Field(
            description="The subject's description, imperative mood, no final period; the"
            " whole first line 'type(scope)!: message' may be at most 72 characters."
        ),
    ]
    body: NotRequired[Text | None]
    """Why the change was made and what it does; paragraphs allowed."""
    breaking_description: NotRequired[
        Annotated[
            Annotated[
                Text,
                Matches(
                    r"[^\n]*(?:\n[^\n]+)*",
                    "the BREAKING CHANGE footer must be one paragraph (no blank line); put the"
                    " details in the body",
                    stripped=True,
                ),
            ]
            | None,
            Field(
                description="What breaks and how to migrate, one paragraph; written as the"
                " 'BREAKING CHANGE:' footer. Needs breaking_change."
            ),
        ]
    ]
    footer: NotRequired[list[Trailer]]
    """Further git trailers, one line each, e.g. 'Reviewed-by: Ada Lovelace'."""
    refs: NotRequired[UniqueList[IssueReference]]
    """Related issues, e.g. '#12'; written as 'Refs: #12, #15'."""


@with_config(_CONFIG)
class PrContext(TypedDict):
    """The Markdown body of a pull request: what changes, why, and how it was tested."""

    title: SingleLineText
    """The pull request's title."""
    summary: NotRequired[Annotated[Text | None, _section("Summary")]]
    """Why the change is needed and what it achieves."""
    changes: Annotated[list[SingleLineText], Field(min_length=1), _section("Changes")]
    """What the pull request changes, one line each."""
    breaking_changes: NotRequired[Annotated[list[SingleLineText], _section("Breaking changes")]]
    """What stops working for users, and what they must do instead."""
    testing: NotRequired[Annotated[Text | None, _section("Testing")]]
    """How the change was tested and how a reviewer can check it."""
    closes_issues: NotRequired[
        Annotated[UniqueList[Annotated[PositiveInt, Strict()]], _section("Related issues")]
    ]
    """Issue numbers the merge closes; each written as 'Closes #12'."""
    related_docs: NotRequired[Annotated[list[SingleLineText], _section("Related documents")]]
    """Documents to read alongside, as titles or relative links."""
    checklist_items: NotRequired[Annotated[list[SingleLineText], _section("Checklist")]]
    """What must be done before merging; written as '- [ ] item'."""


@with_config(_CONFIG)
class IssueContext(TypedDict):
    """The Markdown body of an issue: the problem, how to reproduce it, and its triage."""

    title: SingleLineText
    """The issue's title."""
    summary: NotRequired[Annotated[Text | None, _section("Summary")]]
    """The issue in a sentence or two."""
    problem: Annotated[Text, _section("Problem")]
    """What is wrong or missing, and whom it affects."""
    steps_to_reproduce: NotRequired[
        Annotated[list[SingleLineText], _section("Steps to reproduce")]
    ]
    """How to make the problem happen, one step each, in order."""
    expected: NotRequired[Annotated[Text | None, _section("Expected behaviour")]]
    """What should happen."""
    actual: NotRequired[Annotated[Text | None, _section("Actual behaviour")]]
    """What happens instead."""
    context: NotRequired[Annotated[Text | None, _section("Context")]]
    """Versions, environment, logs: what helps to find the cause."""
    labels: NotRequired[Annotated[UniqueList[SingleLineText], _section("Triage")]]
    """Labels to apply, e.g. 'bug'."""
    milestone: NotRequired[Annotated[SingleLineText | None, _section("Triage")]]
    """The milestone it belongs to, e.g. '0.2'."""
    assignees: NotRequired[Annotated[UniqueList[GitHubLogin], _section("Triage")]]
    """GitHub logins of the people to assign, with or without '@'."""
