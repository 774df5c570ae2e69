"""Artifact type ``reference``: a reference document for a module and its tests.

It points at the source file and its test file, documents the module's public API one name
at a time (with its signature when given) and shows how to use it in Python snippets that
are checked to parse, so the document never shows code with a syntax error.
"""

import ast
import keyword
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, NonNegativeInt, model_validator
from pydantic_core import PydanticCustomError

from scaffold_schemas import (
    BaseDocumentContext,
    BaseRenderContext,
    RelativePosixPath,
    SingleLineText,
    Text,
    repeated_names,
    section,
)

__all__ = [
    "ApiEntry",
    "ProjectFile",
    "PythonName",
    "PythonSignature",
    "PythonSnippet",
    "ReferenceContext",
    "ReferenceRenderContext",
]

_FENCE = "```"


def _no_backtick(value: str) -> str:
    if "`" in value:
        raise PydanticCustomError(
            "backtick_in_path", "a path may not contain a backtick", {"value": value}
        )
    return value


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
    message = (
        "expected the parameters and return type after the name, e.g."
        " '(order: Order, *, notify: bool = True) -> Receipt'"
    )
    source = f"def f{value}: ..."
    try:
        tree = ast.parse(source)
    except SyntaxError:
        raise PydanticCustomError("python_signature", message, {"value": value}) from None
    # The signature must end where the stub body starts: nothing smuggled in after it.
    function = tree.body[0] if len(tree.body) == 1 else None
    if (
        not value.startswith("(")
        or not isinstance(function, ast.FunctionDef)
        or len(function.body) != 1
        or function.body[0].col_offset != len(source.encode()) - len("...")
    ):
        raise PydanticCustomError("python_signature", message, {"value": value})
    return value


def _snippet(value: str) -> str:
    if _FENCE in value:
        raise PydanticCustomError(
            "code_fence", "a usage example may not contain ``` (it would end the code block)"
        )
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


ProjectFile = Annotated[RelativePosixPath, AfterValidator(_no_backtick)]
"""A file of the project, relative to its root, shown in a code span."""

PythonName = Annotated[SingleLineText, AfterValidator(_python_name)]
"""A plain or dotted Python name: ``place_order``, ``OrderService.place``."""

PythonSignature = Annotated[SingleLineText, AfterValidator(_signature)]
"""Parameters and return annotation as they follow a name: ``(order: Order) -> Receipt``."""

PythonSnippet = Annotated[Text, AfterValidator(_snippet)]
"""Python source that parses (top-level ``await`` allowed), holds no code fence and keeps no
trailing whitespace on its lines."""


class ApiEntry(BaseModel):
    """One public name of the module."""

    model_config = ConfigDict(extra="forbid")

    name: PythonName = Field(description="The name as a caller writes it, e.g. 'Cart.add'.")
    description: Text = Field(description="What it does, what it returns, what it raises.")
    signature: PythonSignature | None = Field(
        default=None,
        description="Its parameters and return type after the name, e.g. '(sku: str) -> None'.",
    )


class ReferenceContext(BaseDocumentContext):
    """What a user provides to scaffold a reference document."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Cart service reference",
                    "status": "approved",
                    "version": "2.1",
                    "last_updated": "2025-02-20",
                    "purpose": "The public API of the cart service and how to call it.",
                    "prerequisites": ["An OrderRepository implementation"],
                    "source_file": "src/shop/cart/service.py",
                    "test_file": "tests/cart/test_service.py",
                    "test_count": 24,
                    "api_reference": [
                        {
                            "name": "CartService",
                            "signature": "(repository: CartRepository, *, max_items: int = 100)",
                            "description": "Keeps one cart per customer; every change is saved"
                            " through the repository.",
                        },
                        {
                            "name": "CartService.add",
                            "signature": "(customer_id: int, sku: str, quantity: int = 1) -> Cart",
                            "description": "Adds `quantity` of `sku` and returns the cart.\n"
                            "Raises `CartFull` when `max_items` would be exceeded.",
                        },
                        {
                            "name": "CartFull",
                            "description": "Raised when a cart would hold too many items.",
                        },
                    ],
                    "usage_examples": [
                        (
                            "service = CartService(InMemoryCartRepository(), max_items=10)\n"
                            'cart = service.add(customer_id=7, sku="BOOK-42")\n'
                            "assert cart.total_items == 1"
                        ),
                        (
                            "try:\n"
                            '    service.add(customer_id=7, sku="PEN-1", quantity=99)\n'
                            "except CartFull:\n"
                            "    notify_customer(7)"
                        ),
                    ],
                    "related_docs": ["docs/architecture/shop.md"],
                },
                {
                    "title": "Slug helpers",
                    "source_file": "src/shop/text/slugs.py",
                    "test_file": "tests/text/test_slugs.py",
                    "api_reference": [
                        {
                            "name": "slugify",
                            "description": "Lower-cases, transliterates and joins words with '-'.",
                        }
                    ],
                },
                {
                    "title": "Price rounding",
                    "purpose": "How prices are rounded for display and for invoices.",
                    "source_file": "src/shop/money/rounding.py",
                    "test_file": "tests/money/test_rounding.py",
                    "test_count": 1,
                    "api_reference": [
                        {
                            "name": "round_price",
                            "signature": "(amount: Decimal, currency: str) -> Decimal",
                            "description": "Rounds half to even at the currency's minor unit.",
                        }
                    ],
                    "usage_examples": ['round_price(Decimal("2.345"), "EUR")'],
                },
            ]
        }
    )

    default_output_path = "docs/reference/{title:kebab}.md"

    source_file: ProjectFile = Field(
        description="The module documented, relative to the project root.",
        json_schema_extra=section("Files"),
    )
    test_file: ProjectFile = Field(
        description="The module's tests, relative to the project root.",
        json_schema_extra=section("Files"),
    )
    test_count: NonNegativeInt | None = Field(
        default=None,
        description="How many tests the test file holds, when worth stating.",
        json_schema_extra=section("Files"),
    )
    api_reference: list[ApiEntry] = Field(
        min_length=1,
        description="The module's public names, in reading order.",
        json_schema_extra=section("API reference"),
    )
    usage_examples: list[PythonSnippet] = Field(
        default_factory=list,
        description="Python snippets that show the API in use; each must parse.",
        json_schema_extra=section("Usage examples"),
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.source_file == self.test_file:
            raise ValueError(f"source_file and test_file are the same file: {self.source_file}")
        names = [entry.name for entry in self.api_reference]
        repeated = repeated_names(names)
        if repeated:
            raise ValueError(
                f"api_reference names must be unique; repeated: {', '.join(repeated)}"
            )
        return self


class ReferenceRenderContext(ReferenceContext, BaseRenderContext):
    """What the ``reference`` template receives."""
