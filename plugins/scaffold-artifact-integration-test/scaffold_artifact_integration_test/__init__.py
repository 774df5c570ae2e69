"""Artifact type ``integration_test``: a pytest integration-test module for one scenario.

The module builds each collaborator the scenario needs as a fixture (with its scope and the
fixtures it builds on) and holds a test class with one test per planned method. Every body
raises ``NotImplementedError`` so that a test fails loudly until someone writes it.
"""

from typing import Final, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

from scaffold_core.text_case import snake_case
from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    Text,
    names_in_expression,
    repeated_names,
    required_imports,
    undefined_names,
)
from scaffold_schemas.pytest_items import (
    Parametrization,
    PlannedTest,
    check_fixture_requests,
    check_parameters,
    docstring_body,
)

__all__ = [
    "IntegrationTestContext",
    "IntegrationTestMethod",
    "IntegrationTestRenderContext",
    "ManagerFixture",
    "Parametrization",
]

FixtureScope = Literal["function", "class", "module", "package", "session"]
"""How long pytest keeps a fixture's value."""

_SCOPES: Final[tuple[FixtureScope, ...]] = ("function", "class", "module", "package", "session")

BUILTIN_FIXTURES: Final[dict[str, tuple[str, FixtureScope]]] = {
    "tmp_path": ("Path", "function"),
    "tmp_path_factory": ("pytest.TempPathFactory", "session"),
    "monkeypatch": ("pytest.MonkeyPatch", "function"),
    "caplog": ("pytest.LogCaptureFixture", "function"),
    "capsys": ("pytest.CaptureFixture[str]", "function"),
    "request": ("pytest.FixtureRequest", "session"),
}
"""pytest's own fixtures that tests and managers may request: annotation and scope (a
``request`` serves every scope, so it counts as the widest)."""

_MAX_SCENARIO_LENGTH: Final = 80


class ManagerFixture(BaseModel):
    """A collaborator the scenario needs, built by a fixture of the module."""

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
    requires: list[SnakeCaseName] = Field(
        default_factory=list,
        description="The fixtures it is built from: managers listed before it, or pytest's"
        " own (tmp_path, tmp_path_factory, monkeypatch, caplog, capsys, request).",
    )

    @model_validator(mode="after")
    def _distinct_requirements(self) -> Self:
        repeated = repeated_names(self.requires)
        if repeated:
            raise ValueError(f"{self.name}: requires repeated: {', '.join(repeated)}")
        if self.name in self.requires or "self" in self.requires:
            raise ValueError(f"{self.name} may not require itself or 'self'")
        return self


class IntegrationTestMethod(PlannedTest):
    """One test method of the test class."""


class IntegrationTestContext(BaseContext):
    """What a user provides to scaffold a pytest integration-test module."""

    default_output_path = "tests/integration/test_{test_scenario:snake}.py"

    test_scenario: SingleLineText = Field(
        max_length=_MAX_SCENARIO_LENGTH,
        description="The scenario in a few words, e.g. 'Checkout with card payment': the"
        " module docstring and the file name (tests/integration/test_checkout_with_card"
        "_payment.py), so ASCII letters and digits, and no leading 'test'.",
    )
    test_class_name: ClassName = Field(
        description="The test class, 'Test' and a capitalised name, e.g. 'TestCheckout'."
    )
    managers_needed: list[ManagerFixture] = Field(
        default_factory=list,
        description="The collaborators to build as fixtures, in order: a manager may build on"
        " those before it.",
    )
    test_methods: list[IntegrationTestMethod] = Field(
        default_factory=list, description="The tests of the class, in order."
    )
    test_description: Text | None = Field(
        default=None, description="What the scenario covers; the module docstring's body."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Names the parametrize types and values use beyond builtins, the"
        " managers' imports and common standard types, as 'module.Name'.",
    )

    @field_validator("test_description")
    @classmethod
    def _as_docstring_body(cls, value: str | None) -> str | None:
        return None if value is None else docstring_body(value)

    @field_validator("test_scenario")
    @classmethod
    def _names_a_file(cls, value: str) -> str:
        foreign = sorted({char for char in value if char.isalnum() and not char.isascii()})
        if foreign:
            raise ValueError(
                f"the scenario names the file, so it takes ASCII letters only, not"
                f" {' '.join(foreign)}: put the full wording in test_description"
            )
        words = snake_case(value).split("_")
        if not words[0]:
            raise ValueError("the scenario needs a word or two, e.g. 'Checkout with card'")
        if words[0] in {"test", "tests"}:
            raise ValueError(
                "leave out the leading 'test': the file name is test_<scenario>.py already"
            )
        return value

    @field_validator("test_class_name")
    @classmethod
    def _test_prefix(cls, value: str) -> str:
        if not (value.startswith("Test") and value[4:5].isupper()):
            raise ValueError(
                "the test class name must be 'Test' followed by a capitalised name, e.g."
                " 'TestCheckout', so that pytest collects it"
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        self._check_unique_names()
        self._check_module_names()
        self._check_managers()
        check_fixture_requests(self.test_methods, self.fixture_types)
        self._check_expressions()
        return self

    def _check_unique_names(self) -> None:
        for what, names in (
            ("manager names", [manager.name for manager in self.managers_needed]),
            ("test method names", [method.name for method in self.test_methods]),
            ("imports", self.imports),
        ):
            repeated = repeated_names(names)
            if repeated:
                raise ValueError(f"{what} must be unique; repeated: {', '.join(repeated)}")

    def _check_module_names(self) -> None:
        paths = sorted(set(self._explicit_imports()))
        imported = [path.rpartition(".")[2] for path in paths]
        clashes = repeated_names(imported)
        if clashes:
            raise ValueError(f"two imports bind the same name: {', '.join(clashes)}")
        if self.test_class_name in imported:
            raise ValueError(f"test_class_name '{self.test_class_name}' is also imported")
        taken = {*imported, "pytest", *BUILTIN_FIXTURES}
        clashes = sorted(taken.intersection(manager.name for manager in self.managers_needed))
        if clashes:
            raise ValueError(
                "manager names clash with an imported name or one of pytest's own fixtures:"
                f" {', '.join(clashes)}"
            )

    def _check_managers(self) -> None:
        scopes: dict[str, FixtureScope] = {
            name: scope for name, (_, scope) in BUILTIN_FIXTURES.items()
        }
        for manager in self.managers_needed:
            unknown = [name for name in manager.requires if name not in scopes]
            if unknown:
                raise ValueError(
                    f"{manager.name} requires {', '.join(unknown)}, which is neither a manager"
                    " listed before it nor one of pytest's own fixtures"
                )
            narrower = [
                name
                for name in manager.requires
                if _SCOPES.index(scopes[name]) < _SCOPES.index(manager.scope)
            ]
            if narrower:
                raise ValueError(
                    f"{manager.name} ({manager.scope} scope) cannot use {', '.join(narrower)},"
                    " which pytest keeps for a shorter time; widen their scope or narrow its"
                )
            scopes[manager.name] = manager.scope
            types = self.fixture_types
            check_parameters(
                manager.name, [f"{name}: {types[name]}" for name in manager.requires], 4
            )

    def _check_expressions(self) -> None:
        expressions = self._user_expressions()
        explicit = self._explicit_imports()
        # The module imports pytest whenever it parametrizes, so pytest.param(...) works.
        undefined = [name for name in undefined_names(expressions, explicit) if name != "pytest"]
        if undefined:
            raise ValueError(
                f"manager types and parametrize types and values use {', '.join(undefined)},"
                " which nothing defines: add each as 'module.Name' to the manager's imports"
                " or to imports"
            )
        used = set().union(*(names_in_expression(text) for text in expressions))
        unused = sorted({path for path in explicit if path.rpartition(".")[2] not in used})
        if unused:
            raise ValueError(
                f"imports {', '.join(unused)} are not used by any manager type or parametrize"
                " type or value: remove them"
            )

    def _user_expressions(self) -> list[str]:
        """Manager types, parametrize types and case values: all the user's Python source."""
        return [manager.type for manager in self.managers_needed] + [
            text
            for method in self.test_methods
            if method.parametrize is not None
            for text in method.parametrize.expressions()
        ]

    def _explicit_imports(self) -> list[str]:
        return [
            *(path for manager in self.managers_needed for path in manager.imports),
            *self.imports,
        ]

    def _requested_builtins(self) -> list[str]:
        managers = {manager.name for manager in self.managers_needed}
        requested = [name for method in self.test_methods for name in method.fixtures]
        requested += [name for manager in self.managers_needed for name in manager.requires]
        return [name for name in BUILTIN_FIXTURES if name in requested and name not in managers]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def has_async_tests(self) -> bool:
        """Whether any test is async (and so needs pytest-asyncio)."""
        return any(method.is_async for method in self.test_methods)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def scenario_sentence(self) -> str:
        """The scenario as a sentence: capitalised, with a final full stop."""
        text = self.test_scenario[:1].upper() + self.test_scenario[1:]
        return text if text.endswith((".", "!", "?")) else text + "."

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fixture_types(self) -> dict[str, str]:
        """Every fixture a test or manager may request, by name, with its type annotation."""
        builtin = {name: annotation for name, (annotation, _) in BUILTIN_FIXTURES.items()}
        return builtin | {manager.name: manager.type for manager in self.managers_needed}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_imports(self) -> list[str]:
        """Every import the module needs, as ``module.Name`` (or ``pytest``)."""
        builtin_types = [BUILTIN_FIXTURES[name][0] for name in self._requested_builtins()]
        expressions = [*self._user_expressions(), *builtin_types]
        names = required_imports(expressions, self._explicit_imports())
        uses_pytest = (
            self.managers_needed
            or any(method.is_async or method.parametrize for method in self.test_methods)
            or any(kind.startswith("pytest.") for kind in builtin_types)
        )
        return (["pytest"] if uses_pytest else []) + names


class IntegrationTestRenderContext(IntegrationTestContext, BaseRenderContext):
    """What the ``integration_test`` template receives."""
