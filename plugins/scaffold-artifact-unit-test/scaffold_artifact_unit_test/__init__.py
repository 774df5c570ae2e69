"""Artifact type ``unit_test``: a pytest unit-test module for one module under test.

The module holds a fixture per class under test (and a ``MagicMock`` fixture when asked), a
test class, and one test per planned method. Every test body raises ``NotImplementedError``
so that a test fails loudly until someone writes it.
"""

from typing import Final, Self

from pydantic import Field, computed_field, field_validator, model_validator

from scaffold_core.text_case import snake_case
from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    DottedModulePath,
    ImportPath,
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
    docstring_body,
)

__all__ = ["Parametrization", "UnitTestContext", "UnitTestMethod", "UnitTestRenderContext"]

MOCK_FIXTURE: Final = "mock_collaborator"
"""The name of the ``MagicMock`` fixture that ``has_mocks`` adds."""

BUILTIN_FIXTURES: Final[dict[str, str]] = {
    "tmp_path": "Path",
    "tmp_path_factory": "pytest.TempPathFactory",
    "monkeypatch": "pytest.MonkeyPatch",
    "caplog": "pytest.LogCaptureFixture",
    "capsys": "pytest.CaptureFixture[str]",
    "request": "pytest.FixtureRequest",
}
"""pytest's own fixtures a test may request, with the annotation scaffold writes for each."""


class UnitTestMethod(PlannedTest):
    """One test method of the test class."""


class UnitTestContext(BaseContext):
    """What a user provides to scaffold a pytest unit-test module."""

    default_output_path = "tests/unit/{test_class_name:snake}.py"

    module_under_test: DottedModulePath = Field(
        description="The module the tests exercise, e.g. 'app.orders.service'."
    )
    test_class_name: ClassName = Field(
        description="The test class, 'Test' and the name of what it tests, e.g."
        " 'TestOrderService'; it also names the file (tests/unit/test_order_service.py)."
    )
    imported_classes: list[ClassName] = Field(
        default_factory=list,
        description="Classes imported from the module under test; each gets a fixture named"
        " after it in snake_case that builds one for a test.",
    )
    test_methods: list[UnitTestMethod] = Field(
        default_factory=list, description="The tests of the class, in order."
    )
    has_mocks: bool = Field(
        default=False,
        description="Add a 'mock_collaborator' fixture: a fresh unittest.mock.MagicMock.",
    )
    test_description: Text | None = Field(
        default=None, description="What the tests cover; the module docstring's body."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Names the parametrize types and values use beyond builtins, the imported"
        " classes and common standard types, as 'module.Name'.",
    )

    @field_validator("test_description")
    @classmethod
    def _as_docstring_body(cls, value: str | None) -> str | None:
        return None if value is None else docstring_body(value)

    @field_validator("test_class_name")
    @classmethod
    def _test_prefix(cls, value: str) -> str:
        if not (value.startswith("Test") and value[4:5].isupper()):
            raise ValueError(
                "the test class name must be 'Test' followed by a capitalised name, e.g."
                " 'TestOrderService', so that pytest collects it"
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        self._check_unique_names()
        self._check_module_names()
        check_fixture_requests(self.test_methods, self.fixture_types)
        self._check_expressions()
        return self

    def _check_unique_names(self) -> None:
        for what, names in (
            ("imported_classes", self.imported_classes),
            ("test method names", [method.name for method in self.test_methods]),
            ("imports", self.imports),
        ):
            repeated = repeated_names(names)
            if repeated:
                raise ValueError(f"{what} must be unique; repeated: {', '.join(repeated)}")

    def _check_module_names(self) -> None:
        imported = [*self.imported_classes, *(path.rpartition(".")[2] for path in self.imports)]
        clashes = repeated_names(imported)
        if clashes:
            raise ValueError(f"two imports bind the same name: {', '.join(clashes)}")
        if self.test_class_name in imported:
            raise ValueError(f"test_class_name '{self.test_class_name}' is also imported")
        if self.has_mocks and "MagicMock" in imported:
            raise ValueError("has_mocks imports unittest.mock.MagicMock: do not import another")
        own = [snake_case(name) for name in self.imported_classes]
        own += [MOCK_FIXTURE] if self.has_mocks else []
        names = [*own, *imported, "pytest", "MagicMock", *BUILTIN_FIXTURES]
        clashes = sorted({name for name in own if names.count(name) > 1})
        if clashes:
            raise ValueError(
                "fixture names (an imported class in snake_case, mock_collaborator) clash"
                " with another fixture, an imported name or one of pytest's own:"
                f" {', '.join(clashes)}"
            )

    def _check_expressions(self) -> None:
        expressions = self._parameter_expressions()
        explicit = self._explicit_imports()
        # The module imports pytest whenever it parametrizes, so pytest.param(...) works.
        undefined = [name for name in undefined_names(expressions, explicit) if name != "pytest"]
        if undefined:
            raise ValueError(
                f"parametrize types and values use {', '.join(undefined)}, which nothing"
                " defines: add each as 'module.Name' to imports"
            )
        used = set().union(*(names_in_expression(text) for text in expressions))
        unused = [path for path in self.imports if path.rpartition(".")[2] not in used]
        if unused:
            raise ValueError(
                f"imports {', '.join(unused)} are not used by any parametrize type or value:"
                " remove them"
            )

    def _own_fixtures(self) -> dict[str, str]:
        own = {snake_case(name): name for name in self.imported_classes}
        if self.has_mocks:
            own[MOCK_FIXTURE] = "MagicMock"
        return own

    def _parameter_expressions(self) -> list[str]:
        return [
            text
            for method in self.test_methods
            if method.parametrize is not None
            for text in method.parametrize.expressions()
        ]

    def _explicit_imports(self) -> list[str]:
        classes = [f"{self.module_under_test}.{name}" for name in self.imported_classes]
        return [*classes, *self.imports]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def has_async_tests(self) -> bool:
        """Whether any test is async (and so needs pytest-asyncio)."""
        return any(method.is_async for method in self.test_methods)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def subject(self) -> str:
        """What the class tests: its name without the ``Test`` prefix."""
        return self.test_class_name.removeprefix("Test")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fixture_types(self) -> dict[str, str]:
        """Every fixture a test may request, by name, with its type annotation."""
        return {**BUILTIN_FIXTURES, **self._own_fixtures()}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_imports(self) -> list[str]:
        """Every import the module needs, as ``module.Name`` (or ``pytest``)."""
        requested = {name for method in self.test_methods for name in method.fixtures}
        builtin_types = [kind for name, kind in BUILTIN_FIXTURES.items() if name in requested]
        expressions = [*self._parameter_expressions(), *builtin_types]
        names = required_imports(expressions, self._explicit_imports())
        if self.has_mocks:
            names.append("unittest.mock.MagicMock")
        uses_pytest = (
            self.imported_classes
            or self.has_mocks
            or any(method.is_async or method.parametrize for method in self.test_methods)
            or any(kind.startswith("pytest.") for kind in builtin_types)
        )
        return (["pytest"] if uses_pytest else []) + names


class UnitTestRenderContext(UnitTestContext, BaseRenderContext):
    """What the ``unit_test`` template receives."""
