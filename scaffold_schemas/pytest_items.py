"""Items that pytest-module artifact types share: planned tests and their parametrization.

Generated tests are methods of a class: their parameters sit at column 8 of an exploded
signature, the values of a parametrize list at column 12 (one argname) or 16 (tuples);
anything that does not fit on its line there would be split again by ``ruff format``, so
such input is refused with a message that says so.
"""

import ast
import textwrap
from collections.abc import Iterable, Mapping
from typing import Final, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scaffold_schemas.fields import (
    PythonExpression,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
)
from scaffold_schemas.python_source import LINE_LENGTH

__all__ = [
    "PARAMETER_COLUMN",
    "TEST_PREFIX",
    "Parametrization",
    "PlannedTest",
    "check_fixture_requests",
    "check_parameters",
    "docstring_body",
]

TEST_PREFIX: Final = "test_"

# Generated tests are methods of a class: their parameters sit at column 8 of an exploded
# signature, the values of a parametrize list at column 12 (one argname) or 16 (tuples).
# Anything that does not fit on its line there would be split again by ruff format.
PARAMETER_COLUMN: Final = 8


def docstring_body(text: str) -> str:
    """``text`` as ruff format keeps it in a docstring.

    No trailing spaces, indentation in spaces (a tab to 8 columns), common indentation gone.
    """
    lines = []
    for line in text.splitlines():
        body = line.lstrip()
        lines.append((line[: len(line) - len(body)].expandtabs(8) + body).rstrip())
    return textwrap.dedent("\n".join(lines))


def _is_atom(source: str) -> bool:
    """A literal string or number (maybe negative): ruff format never splits it."""
    node = ast.parse(source, mode="eval").body
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant)


def check_parameters(function: str, parameters: list[str], column: int) -> None:
    """Each ``name: type`` parameter fits on its own line of an exploded signature."""
    for parameter in parameters:
        if column + len(parameter) + 1 > LINE_LENGTH:
            raise ValueError(
                f"{function}: the parameter '{parameter}' is too long for one line of the"
                f" signature (at most {LINE_LENGTH - column - 1} characters): shorten the"
                " name or alias the type"
            )


def _scalar_source(value: object) -> object:
    """A JSON or YAML scalar (``0``, ``true``, ``null``) as its Python source; else as given."""
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    return value


class Parametrization(BaseModel):
    """The cases of ``@pytest.mark.parametrize``: argument names and one row per case."""

    model_config = ConfigDict(extra="forbid")

    argnames: list[SnakeCaseName] = Field(
        min_length=1, description="The test arguments the cases fill, in order."
    )
    argtypes: list[PythonTypeExpression] = Field(
        default_factory=list,
        description="Their type annotations, one per argument name; empty to leave them bare.",
    )
    cases: list[list[PythonExpression]] = Field(
        min_length=1,
        description="One row per case: a Python expression per argument name, e.g."
        ' ["0", "False"] (with one argname a value may be "pytest.param(1, marks=...)");'
        " JSON numbers, booleans and null are taken as their Python source.",
    )
    ids: list[SingleLineText] = Field(
        default_factory=list, description="A readable id per case; empty for pytest's own ids."
    )

    @field_validator("cases", mode="before")
    @classmethod
    def _scalars_as_source(cls, value: object) -> object:
        if not isinstance(value, list):
            return value
        return [
            [_scalar_source(cell) for cell in row] if isinstance(row, list) else row
            for row in value
        ]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        width = len(self.argnames)
        repeated = sorted({name for name in self.argnames if self.argnames.count(name) > 1})
        if repeated:
            raise ValueError(f"argnames must be unique; repeated: {', '.join(repeated)}")
        if "self" in self.argnames:
            raise ValueError("argnames may not be 'self'")
        if self.argtypes and len(self.argtypes) != width:
            raise ValueError(f"argtypes has {len(self.argtypes)} entries for {width} argnames")
        for number, row in enumerate(self.cases, start=1):
            if len(row) != width:
                raise ValueError(f"case {number} has {len(row)} values for {width} argnames")
        if self.ids and len(self.ids) != len(self.cases):
            raise ValueError(f"ids has {len(self.ids)} entries for {len(self.cases)} cases")
        limit = LINE_LENGTH - (16 if width > 1 else 12) - 1
        for number, row in enumerate(self.cases, start=1):
            for cell in row:
                if len(cell) > limit and not _is_atom(cell):
                    raise ValueError(
                        f"case {number}: '{cell[:24]}...' is {len(cell)} characters, more than"
                        f" a line of the parametrize list holds ({limit}); pass smaller values"
                        " and build the object in the test"
                    )
        return self

    def expressions(self) -> list[str]:
        """Every type annotation and case value, as Python source."""
        return [*self.argtypes, *(cell for row in self.cases for cell in row)]


class PlannedTest(BaseModel):
    """One test method of a generated test class."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(
        description="The test's name, snake_case; 'test_' is added when it does not start"
        " with it ('places_order' and 'test_places_order' both give test_places_order)."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on the behaviour it checks; its docstring."
    )
    fixtures: list[SnakeCaseName] = Field(
        default_factory=list,
        description="The fixtures it requests: one the module defines or one of pytest's own"
        " (tmp_path, tmp_path_factory, monkeypatch, caplog, capsys, request).",
    )
    parametrize: Parametrization | None = Field(
        default=None, description="Run the test once per case with these arguments."
    )
    is_async: bool = Field(default=False, description="An async test, marked for pytest-asyncio.")

    @field_validator("name")
    @classmethod
    def _with_prefix(cls, value: str) -> str:
        if value == TEST_PREFIX:
            raise ValueError("the name needs words after 'test_', e.g. 'test_places_order'")
        return value if value.startswith(TEST_PREFIX) else TEST_PREFIX + value

    @model_validator(mode="after")
    def _distinct_parameters(self) -> Self:
        repeated = sorted({name for name in self.fixtures if self.fixtures.count(name) > 1})
        if repeated:
            raise ValueError(f"{self.name}: fixtures repeated: {', '.join(repeated)}")
        if "self" in self.fixtures:
            raise ValueError(f"{self.name}: a fixture may not be named 'self'")
        if self.parametrize is not None:
            both = sorted(set(self.fixtures).intersection(self.parametrize.argnames))
            if both:
                raise ValueError(
                    f"{self.name}: {', '.join(both)} is both a fixture and a parametrize argname"
                )
        return self


def check_fixture_requests(tests: Iterable[PlannedTest], available: Mapping[str, str]) -> None:
    """Every fixture a test requests exists, and its signature fits its line.

    ``available`` maps each fixture the module offers to the annotation of its parameter.
    Raises ``ValueError`` naming the test and the unknown fixtures.
    """
    for test in tests:
        unknown = [name for name in test.fixtures if name not in available]
        if unknown:
            raise ValueError(
                f"{test.name} requests {', '.join(unknown)}, which is no fixture here;"
                f" available: {', '.join(sorted(available))}"
            )
        parameters = [f"{name}: {available[name]}" for name in test.fixtures]
        if test.parametrize is not None:
            types = test.parametrize.argtypes
            parameters += [
                f"{name}: {types[index]}" if types else name
                for index, name in enumerate(test.parametrize.argnames)
            ]
        check_parameters(test.name, parameters, PARAMETER_COLUMN)
