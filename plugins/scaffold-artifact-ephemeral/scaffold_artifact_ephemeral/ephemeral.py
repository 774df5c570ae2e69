"""The ephemeral artifact types ``commit``, ``pr`` and ``issue``: messages, not files.

Each Context is a ``TypedDict``: it has no lifecycle fields and its output gets no header. It
is printed unless the user gives an output path. The core fills every optional key the user
left out with ``None`` or an empty list before rendering, so the templates need no defaults.

A ``TypedDict`` cannot carry a model validator, so each cross-field rule lives on the later
of its fields as an annotated validator that reads the fields validated before it
(``ValidationInfo.data``): the key order of each Context matters and is part of its design.
"""

import re
from collections.abc import Hashable
from typing import Annotated, Final, Literal, NotRequired, TypeVar

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    PositiveInt,
    StringConstraints,
    ValidationInfo,
    with_config,
)
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from scaffold_schemas import SingleLineText, Text, section

__all__ = [
    "SUBJECT_MAX_LENGTH",
    "CommitContext",
    "CommitType",
    "IssueContext",
    "PrContext",
    "subject_line",
]

_Item = TypeVar("_Item", bound=Hashable)

SUBJECT_MAX_LENGTH: Final = 72
"""The longest first line of a commit message, ``type(scope)!: message`` included."""

CommitType = Literal[
    "feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"
]
"""The Conventional Commits types (the Angular convention)."""

# The shortest subject prefix is "ci: ", so no message longer than this can ever fit.
_MESSAGE_MAX_LENGTH: Final = SUBJECT_MAX_LENGTH - len("ci: ")
_SCOPE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_TRAILER = re.compile(r"(?P<token>[A-Za-z][A-Za-z0-9-]*)(?:: | #)\S")
# Footer tokens that have a field of their own, and that field.
_DEDICATED_TRAILERS: Final = {"breaking-change": "breaking_description", "refs": "refs"}
_ISSUE_REFERENCE = re.compile(r"(?:[\w.-]+/[\w.-]+)?#[1-9][0-9]*|[A-Z][A-Z0-9]+-[1-9][0-9]*")
_GITHUB_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")


def _fail(code: str, message: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"value": value})


def subject_line(
    commit_type: str, scope: str | None, message: str, *, breaking: bool = False
) -> str:
    """The first line of a Conventional Commits message: ``type(scope)!: message``."""
    scoped = f"({scope})" if scope else ""
    return f"{commit_type}{scoped}{'!' if breaking else ''}: {message}"


def _unique(items: list[_Item]) -> list[_Item]:
    seen: set[_Item] = set()
    for item in items:
        if item in seen:
            raise _fail("unique", "'{value}' is listed twice; each entry must be unique", item)
        seen.add(item)
    return items


def _scope(value: str) -> str:
    if not _SCOPE.fullmatch(value):
        raise _fail(
            "commit_scope",
            "expected one lowercase word, snake_case or kebab-case, e.g. 'parser' or 'order-api'",
            value,
        )
    return value


def _subject_fits(message: str, info: ValidationInfo) -> str:
    """The whole first line, not only the message, must fit in ``SUBJECT_MAX_LENGTH``."""
    line = subject_line(
        str(info.data.get("type", "")),
        info.data.get("scope"),
        message,
        breaking=info.data.get("breaking_change") is True,
    )
    if len(line) > SUBJECT_MAX_LENGTH:
        raise PydanticCustomError(
            "subject_too_long",
            "the first line '{line}' has {length} characters, at most {limit} are allowed:"
            " shorten the message (or the scope)",
            {"line": line, "length": len(line), "limit": SUBJECT_MAX_LENGTH},
        )
    return message


def _breaking_description(text: str, info: ValidationInfo) -> str:
    if info.data.get("breaking_change") is not True:
        raise _fail(
            "breaking_without_flag",
            "a breaking_description needs breaking_change: true",
            text,
        )
    if "\n\n" in text:
        raise _fail(
            "footer_paragraphs",
            "the BREAKING CHANGE footer must be one paragraph (no blank line); put the"
            " details in the body",
            text,
        )
    return text


def _trailer(line: str) -> str:
    match = _TRAILER.match(line)
    if match is None:
        raise _fail(
            "commit_trailer",
            "expected a git trailer 'Token: value' or 'Token #value' (the token a word, '-'"
            " instead of spaces), e.g. 'Reviewed-by: Ada Lovelace'",
            line,
        )
    dedicated = _DEDICATED_TRAILERS.get(match["token"].lower())
    if dedicated:
        raise _fail("dedicated_trailer", f"'{{value}}' belongs in the field '{dedicated}'", line)
    return line


def _issue_reference(value: str) -> str:
    if not _ISSUE_REFERENCE.fullmatch(value):
        raise _fail(
            "issue_reference",
            "expected an issue reference such as '#12', 'acme/shop#12' or 'SHOP-12'",
            value,
        )
    return value


def _github_login(value: str) -> str:
    login = value.removeprefix("@")
    if not _GITHUB_LOGIN.fullmatch(login):
        raise _fail(
            "github_login",
            "expected a GitHub login (letters, digits and single hyphens, up to 39"
            " characters), e.g. 'octocat' or '@octocat'",
            value,
        )
    return login


CommitScope = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_scope)]
"""What a commit touches: one lowercase snake_case or kebab-case word."""

CommitMessage = Annotated[
    SingleLineText,
    StringConstraints(max_length=_MESSAGE_MAX_LENGTH),
    AfterValidator(_subject_fits),
]
"""The subject's description; the whole subject line must fit in 72 characters."""

Trailer = Annotated[SingleLineText, AfterValidator(_trailer)]
"""A git trailer line such as ``Reviewed-by: Ada Lovelace`` or ``Fixes #12``."""

IssueReference = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_issue_reference)
]
"""An issue reference: ``#12``, ``acme/shop#12`` or a tracker key such as ``SHOP-12``."""

GitHubLogin = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_github_login)
]
"""A GitHub user name, with or without its leading ``@`` (stored without it)."""


@with_config(
    ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"type": "fix", "message": "reject an empty cart at checkout"},
                {
                    "type": "feat",
                    "scope": "parity",
                    "message": "compare v1 and v2 output after normalization",
                    "body": "Both pipelines render every case in memory; a verdict per case"
                    " tells whether v2 is equivalent to v1 or an improvement on it.",
                    "refs": ["#41", "#44"],
                    "footer": ["Reviewed-by: Ada Lovelace"],
                },
                {
                    "type": "refactor",
                    "scope": "cli",
                    "breaking_change": True,
                    "message": "rename --template to --type",
                    "body": "The flag names what the user picks: an artifact type.\n\n"
                    "Scripts that pass --template must be updated.",
                    "breaking_description": "the --template flag is gone; use --type.",
                    "footer": ["Co-authored-by: Grace Hopper <grace@example.com>"],
                    "refs": ["acme/scaffold#7"],
                },
            ]
        },
    )
)
class CommitContext(TypedDict):
    """A Conventional Commits message: ``type(scope)!: message``, body and trailers.

    The first line (type, scope, ``!`` and message together) may be at most 72 characters;
    the rule is checked on ``message``, which follows the fields it depends on.
    """

    type: Annotated[CommitType, Field(description="What kind of change this is.")]
    scope: NotRequired[
        Annotated[
            CommitScope | None,
            Field(description="The part of the code base it touches, one lowercase word."),
        ]
    ]
    breaking_change: NotRequired[
        Annotated[
            bool,
            Field(description="It breaks compatibility: the subject gets a '!' after the type."),
        ]
    ]
    message: Annotated[
        CommitMessage,
        Field(
            description="The subject's description, imperative mood, no final period; the"
            " whole first line 'type(scope)!: message' may be at most 72 characters."
        ),
    ]
    body: NotRequired[
        Annotated[
            Text | None,
            Field(description="Why the change was made and what it does; paragraphs allowed."),
        ]
    ]
    breaking_description: NotRequired[
        Annotated[
            Annotated[Text, AfterValidator(_breaking_description)] | None,
            Field(
                description="What breaks and how to migrate, one paragraph; written as the"
                " 'BREAKING CHANGE:' footer. Needs breaking_change."
            ),
        ]
    ]
    footer: NotRequired[
        Annotated[
            list[Trailer],
            Field(
                description="Further git trailers, one line each, e.g."
                " 'Reviewed-by: Ada Lovelace'."
            ),
        ]
    ]
    refs: NotRequired[
        Annotated[
            list[IssueReference],
            AfterValidator(_unique),
            Field(description="Related issues, e.g. '#12'; written as 'Refs: #12, #15'."),
        ]
    ]


@with_config(
    ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Reject empty carts at checkout",
                    "changes": ["Validate the cart before creating the payment intent"],
                },
                {
                    "title": "Add the parity command",
                    "summary": "Renders every parity case through v1 and v2 and judges each"
                    " pair, so the legacy pipeline can be retired with evidence.",
                    "changes": [
                        "New `scaffold parity <id>` command with text and JSON reports",
                        "Normalization rules for line endings, imports and blank lines",
                        "Parity cases shipped by the dto and worker plugins",
                    ],
                    "testing": "`pytest tests/parity` and `scaffold parity dto` on a clean"
                    " checkout.",
                    "checklist_items": [
                        "Tests added",
                        "Documentation updated",
                        "CHANGELOG entry written",
                    ],
                    "related_docs": ["docs/parity.md", "ADR 0007: retiring the v1 pipeline"],
                    "closes_issues": [41, 44],
                },
                {
                    "title": "Rename --template to --type",
                    "changes": ["Rename the CLI flag", "Update the shell completions"],
                    "breaking_changes": ["`--template` is removed; scripts must pass `--type`"],
                    "closes_issues": [7],
                },
            ]
        },
    )
)
class PrContext(TypedDict):
    """The Markdown body of a pull request: what changes, why, and how it was tested."""

    title: Annotated[SingleLineText, Field(description="The pull request's title.")]
    summary: NotRequired[
        Annotated[
            Text | None,
            Field(
                description="Why the change is needed and what it achieves.",
                json_schema_extra=section("Summary"),
            ),
        ]
    ]
    changes: Annotated[
        list[SingleLineText],
        Field(
            min_length=1,
            description="What the pull request changes, one line each.",
            json_schema_extra=section("Changes"),
        ),
    ]
    breaking_changes: NotRequired[
        Annotated[
            list[SingleLineText],
            Field(
                description="What stops working for users, and what they must do instead.",
                json_schema_extra=section("Breaking changes"),
            ),
        ]
    ]
    testing: NotRequired[
        Annotated[
            Text | None,
            Field(
                description="How the change was tested and how a reviewer can check it.",
                json_schema_extra=section("Testing"),
            ),
        ]
    ]
    closes_issues: NotRequired[
        Annotated[
            list[PositiveInt],
            AfterValidator(_unique),
            Field(
                description="Issue numbers the merge closes; each written as 'Closes #12'.",
                json_schema_extra=section("Related issues"),
            ),
        ]
    ]
    related_docs: NotRequired[
        Annotated[
            list[SingleLineText],
            Field(
                description="Documents to read alongside, as titles or relative links.",
                json_schema_extra=section("Related documents"),
            ),
        ]
    ]
    checklist_items: NotRequired[
        Annotated[
            list[SingleLineText],
            Field(
                description="What must be done before merging; written as '- [ ] item'.",
                json_schema_extra=section("Checklist"),
            ),
        ]
    ]


@with_config(
    ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Checkout accepts an empty cart",
                    "problem": "Submitting the checkout form with an empty cart creates a"
                    " payment intent of 0.00 EUR.",
                },
                {
                    "title": "Parity report crashes on a TOML case file",
                    "summary": "`scaffold parity dto --cases cases.toml` stops with a"
                    " traceback instead of a report.",
                    "problem": "The case loader reads TOML as bytes but passes a text"
                    " stream, so tomllib raises TypeError.",
                    "steps_to_reproduce": [
                        "Write a `cases.toml` with one case",
                        "Run `scaffold parity dto --cases cases.toml`",
                    ],
                    "expected": "A parity report with the case's verdict.",
                    "actual": "`TypeError: a bytes-like object is required, not 'str'`",
                    "context": "scaffold 0.1.0, Python 3.12 on macOS 14.",
                    "labels": ["bug", "parity"],
                    "milestone": "0.2",
                    "assignees": ["@octocat"],
                },
                {
                    "title": "Document the output path patterns",
                    "problem": "plugins.md names the `{name:snake}` conversion but not the"
                    " others, so plugin authors guess.",
                    "expected": "Every conversion listed with an example.",
                    "labels": ["documentation", "good first issue"],
                },
            ]
        },
    )
)
class IssueContext(TypedDict):
    """The Markdown body of an issue: the problem, how to reproduce it, and its triage."""

    title: Annotated[SingleLineText, Field(description="The issue's title.")]
    summary: NotRequired[
        Annotated[
            Text | None,
            Field(
                description="The issue in a sentence or two.",
                json_schema_extra=section("Summary"),
            ),
        ]
    ]
    problem: Annotated[
        Text,
        Field(
            description="What is wrong or missing, and whom it affects.",
            json_schema_extra=section("Problem"),
        ),
    ]
    steps_to_reproduce: NotRequired[
        Annotated[
            list[SingleLineText],
            Field(
                description="How to make the problem happen, one step each, in order.",
                json_schema_extra=section("Steps to reproduce"),
            ),
        ]
    ]
    expected: NotRequired[
        Annotated[
            Text | None,
            Field(
                description="What should happen.",
                json_schema_extra=section("Expected behaviour"),
            ),
        ]
    ]
    actual: NotRequired[
        Annotated[
            Text | None,
            Field(
                description="What happens instead.",
                json_schema_extra=section("Actual behaviour"),
            ),
        ]
    ]
    context: NotRequired[
        Annotated[
            Text | None,
            Field(
                description="Versions, environment, logs: what helps to find the cause.",
                json_schema_extra=section("Context"),
            ),
        ]
    ]
    labels: NotRequired[
        Annotated[
            list[SingleLineText],
            AfterValidator(_unique),
            Field(description="Labels to apply, e.g. 'bug'.", json_schema_extra=section("Triage")),
        ]
    ]
    milestone: NotRequired[
        Annotated[
            SingleLineText | None,
            Field(
                description="The milestone it belongs to, e.g. '0.2'.",
                json_schema_extra=section("Triage"),
            ),
        ]
    ]
    assignees: NotRequired[
        Annotated[
            list[GitHubLogin],
            AfterValidator(_unique),
            Field(
                description="GitHub logins of the people to assign, with or without '@'.",
                json_schema_extra=section("Triage"),
            ),
        ]
    ]
