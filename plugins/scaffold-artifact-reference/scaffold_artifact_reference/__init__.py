"""Artifact type ``reference``: a reference document for a module and its tests.

It points at the source file and its test file, documents the module's public API one name
at a time (with its signature when given) and shows how to use it in Python snippets that
are checked to parse, so the document never shows code with a syntax error.
"""

import ast
import keyword
from typing import Annotated, Self

from pydantic import AfterValidator, Field, StrictInt, model_validator
from pydantic_core import PydanticCustomError

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    CodeText,
    DocumentItem,
    RelativePosixPath,
    SingleLineText,
    Text,
    section,
)

__all__ = [
    "ApiEntry",
    "PythonName",
    "PythonSignature",
    "PythonSnippet",
    "ReferenceContext",
    "ReferenceRenderContext",
]


def _python_name(value: str) -> str:
    parts = value.split(".")
    if not all(part.isidentifier() and not keyword.iskeyword(part) for part in parts):
        raise PydanticCustomError(
            "python_name",
            "expected a Python name, plain or dotted, e.g. 'OrderService.place'",
            {"value": value},
        )
    return value


def _signature(value: str) -> str:
    source = f"def f{value}: ..."
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    # The signature must end where the stub body starts: nothing smuggled in after it.
    function = tree.body[0] if tree is not None and len(tree.body) == 1 else None
    if (
        not value.startswith("(")
        or not isinstance(function, ast.FunctionDef)
        or len(function.body) != 1
        or function.body[0].col_offset != len(source.encode()) - len("...")
    ):
        raise PydanticCustomError(
            "python_signature",
            "expected the parameters and return type after the name, e.g."
            " '(order: Order, *, notify: bool = True) -> Receipt'",
            {"value": value},
        )
    return value


def _snippet(value: str) -> str:
    try:
        compile(
            value,
            "<usage example>",
            "exec",
            flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
            dont_inherit=True,
        )
    except SyntaxError as error:
        raise PydanticCustomError(
            "python_snippet",
            "expected Python source; line {line}: {reason}",
            {"line": error.lineno or 1, "reason": error.msg},
        ) from None
    return "\n".join(line.rstrip() for line in value.splitlines())


PythonName = Annotated[SingleLineText, AfterValidator(_python_name)]
"""A plain or dotted Python name: ``place_order``, ``OrderService.place``."""

PythonSignature = Annotated[SingleLineText, AfterValidator(_signature)]
"""Parameters and return annotation as they follow a name: ``(order: Order) -> Receipt``."""

PythonSnippet = Annotated[CodeText, AfterValidator(_snippet)]
"""Python source that parses (top-level ``await`` allowed), without trailing whitespace on
its lines."""


class ApiEntry(DocumentItem):
    """One public name of the module."""

    name: PythonName = Field(description="The name as a caller writes it, e.g. 'Cart.add'.")
    description: Text = Field(description="What it does, what it returns, what it raises.")
    signature: PythonSignature | None = Field(
        default=None,
        description="Its parameters and return type after the name, e.g. '(sku: str) -> None'.",
    )


class ReferenceContext(BaseDocumentContext):
    """What a user provides to scaffold a reference document."""

    default_output_path = "docs/reference/{title:kebab}.md"

    source_file: RelativePosixPath = Field(
        description="The module documented, relative to the project root.",
        json_schema_extra=section("Files", "block"),
    )
    test_file: RelativePosixPath = Field(
        description="The module's tests, relative to the project root; not the source file.",
        json_schema_extra=section("Files"),
    )
    test_count: Annotated[StrictInt, Field(ge=0)] | None = Field(
        default=None,
        description="How many tests the test file holds, when worth stating.",
        json_schema_extra=section("Files"),
    )
    api_reference: list[ApiEntry] = Field(
        min_length=1,
        description="The module's public names, in reading order; each name once.",
        json_schema_extra=section("API reference", "block", subheading="name"),
    )
    usage_examples: list[PythonSnippet] = Field(
        default_factory=list,
        description="Python snippets that show the API in use; each must parse.",
        json_schema_extra=section("Usage examples", "code", language="python"),
    )

    @model_validator(mode="after")
    def _distinct_files(self) -> Self:
        if self.source_file == self.test_file:
            raise ValueError(f"source_file and test_file are the same file: {self.source_file}")
        return self


class ReferenceRenderContext(ReferenceContext, BaseRenderContext):
    """What the ``reference`` template receives."""
