"""Items that pytest-module artifact types share: planned tests, parametrization, fixtures.

The items are data: their names are normalised here (``places_order`` becomes
``test_places_order``), and the rules that need the whole module (which fixtures exist, a
parametrize table that fits its argument names, lines that fit) are checked by the base,
``scaffold_schemas.pytest_module``, each at its input location.
"""

import re
import textwrap
import unicodedata
from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    WithJsonSchema,
    computed_field,
    field_validator,
)
from pydantic_core import PydanticCustomError

from scaffold_schemas.fields import (
    ImportPath,
    PythonExpression,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    UniqueList,
)

__all__ = [
    "TEST_PREFIX",
    "DocstringText",
    "FixtureScope",
    "Parametrization",
    "PlannedFixture",
    "PlannedTest",
    "docstring_body",
]

TEST_PREFIX: Final = "test_"

FixtureScope = Literal["function", "class", "module", "package", "session"]
"""How long pytest keeps a fixture's value, shortest first."""


def docstring_body(text: str) -> str:
    """``text`` as ruff format keeps it in a docstring.

    No trailing spaces, indentation in spaces (a tab to 8 columns), common indentation gone.
    """
    lines = []
    for line in text.splitlines():
        body = line.lstrip()
        lines.append((line[: len(line) - len(body)].expandtabs(8) + body).rstrip())
    return textwrap.dedent("\n".join(lines))


# Control characters (Unicode Cc) and the line separators Python does not break lines on; tab
# and line feed are kept (a carriage return becomes a line feed first).
_REFUSED: Final = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
_REFUSED_RE: Final = re.compile(f"[{_REFUSED}]")


def _docstring_text(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    refused = _REFUSED_RE.search(text)
    if refused:
        raise PydanticCustomError(
            "control_character",
            "expected text without control characters (tab and line feed aside); {character}"
            " is one",
            {"character": f"{refused.group()!r} (U+{ord(refused.group()):04X})"},
        )
    if all(char.isspace() or unicodedata.category(char) == "Cf" for char in text):
        raise PydanticCustomError(
            "empty_text", "expected some visible text, not only whitespace or format characters"
        )
    return docstring_body(text.strip())


DocstringText = Annotated[
    str,
    AfterValidator(_docstring_text),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            # No refused character, and one that is not a space, tab or line break.
            "pattern": rf"^(?![\s\S]*[{_REFUSED}])[\s\S]*[^\t\n\r ]",
        }
    ),
]
"""Free text for a docstring, laid out as ``ruff format`` keeps it there.

CRLF and a lone CR become LF, then ``docstring_body`` applies (surrounding whitespace and
trailing spaces removed, leading tabs expanded, common indentation gone). Refused: a control
character other than tab and line feed, U+2028, U+2029 (``control_character``); text made
only of whitespace and invisible format characters (``empty_text``). Unlike ``Text`` it may
hold tabs and lines starting with ``#``: a docstring is no Markdown document.
"""


def _scalar_source(value: object) -> object:
    """A JSON or YAML scalar (``0``, ``true``, ``null``) as its Python source; else as given."""
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    return value


class Parametrization(BaseModel):
    """The cases of ``@pytest.mark.parametrize``: argument names and one row per case."""

    model_config = ConfigDict(extra="forbid")

    argnames: UniqueList[SnakeCaseName] = Field(
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
    fixtures: UniqueList[SnakeCaseName] = Field(
        default_factory=list,
        description="The fixtures it requests: one the module defines or one of pytest's own"
        " (tmp_path, tmp_path_factory, monkeypatch, caplog, capsys, request).",
    )
    parametrize: Parametrization | None = Field(
        default=None, description="Run the test once per case with these arguments."
    )
    is_async: StrictBool = Field(
        default=False, description="An async test, marked for pytest-asyncio."
    )

    @field_validator("name")
    @classmethod
    def _with_prefix(cls, value: str) -> str:
        if value == TEST_PREFIX:
            raise ValueError("the name needs words after 'test_', e.g. 'test_places_order'")
        return value if value.startswith(TEST_PREFIX) else TEST_PREFIX + value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The docstring: the description, else the name without ``test_`` as a sentence."""
        if self.description:
            return self.description
        return self.name.removeprefix(TEST_PREFIX).replace("_", " ").strip().capitalize() + "."


class PlannedFixture(BaseModel):
    """A fixture the module defines: what it provides, and the fixtures it is built from."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The fixture's name, e.g. 'order_manager'.")
    type: PythonTypeExpression = Field(description="What it provides, e.g. 'OrderManager'.")
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="What the type needs beyond builtins and common standard types, as"
        " 'module.Name', e.g. 'app.orders.OrderManager'.",
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what it is or how it is set up; its docstring."
    )
    scope: FixtureScope = Field(
        default="function", description="How long pytest keeps it: function, class, module..."
    )
    requires: UniqueList[SnakeCaseName] = Field(
        default_factory=list,
        description="The fixtures it is built from: those listed before it, or pytest's own"
        " (tmp_path, tmp_path_factory, monkeypatch, caplog, capsys, request).",
    )
