"""Artifact type ``unit_test``: a pytest unit-test module for one module under test.

The module holds a fixture per class under test (and a ``MagicMock`` fixture when asked), a
test class, and one test per planned method. Every test body raises ``NotImplementedError``
so that a test fails loudly until someone writes it. The rules are the pytest-module base's
(``scaffold_schemas.pytest_module``); this Context declares the fields and the module, and
how ``scaffold new unit_test --for PATH`` fills them from the module under test.
"""

from typing import Final

from pydantic import Field, StrictBool, computed_field

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    DocstringText,
    DottedModulePath,
    Expression,
    Fixture,
    ImportPath,
    ModuleUnderTest,
    PlannedTest,
    PytestModule,
    PytestModuleContext,
    TestClassName,
    UniqueList,
    WithImports,
    snake_case,
)

__all__ = ["UnitTestContext", "UnitTestMethod", "UnitTestRenderContext"]

MOCK_FIXTURE: Final = "mock_collaborator"
"""The name of the ``MagicMock`` fixture that ``has_mocks`` adds."""


class UnitTestMethod(PlannedTest):
    """One test method of the test class."""


class UnitTestContext(WithImports, PytestModuleContext):
    """What a user provides to scaffold a pytest unit-test module."""

    default_output_path = "tests/unit/{test_class_name:snake}.py"

    module_under_test: DottedModulePath = Field(
        description="The module the tests exercise, e.g. 'app.orders.service'."
    )
    test_class_name: TestClassName = Field(
        description="The test class, 'Test' and the name of what it tests, e.g."
        " 'TestOrderService'; it also names the file (tests/unit/test_order_service.py)."
    )
    imported_classes: UniqueList[ClassName] = Field(
        default_factory=list,
        description="Classes imported from the module under test; each gets a fixture named"
        " after it in snake_case that builds one for a test.",
    )
    test_methods: list[UnitTestMethod] = Field(
        default_factory=list, description="The tests of the class, in order."
    )
    has_mocks: StrictBool = Field(
        default=False,
        description="Add a 'mock_collaborator' fixture: a fresh unittest.mock.MagicMock.",
    )
    test_description: DocstringText | None = Field(
        default=None, description="What the tests cover; the module docstring's body."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Names the parametrize types and values use beyond builtins, the imported"
        " classes and common standard types, as 'module.Name'.",
    )

    @classmethod
    def input_for(cls, subject: ModuleUnderTest) -> dict[str, object]:
        """The module, ``Test<subject>``, its public classes and a test per public method."""
        return {
            "module_under_test": subject.module,
            "test_class_name": subject.test_class_name,
            "imported_classes": [tested.name for tested in subject.classes],
            "test_methods": subject.planned_tests(),
        }

    def pytest_module(self) -> PytestModule:
        """The fixtures: the mock when asked, then one per class imported from the module."""
        classes = [(name, ("imported_classes", i)) for i, name in enumerate(self.imported_classes)]
        mock = Fixture(
            Binding(MOCK_FIXTURE, "function"),
            Expression("MagicMock", ("has_mocks",), generated=True),
        )
        return PytestModule(
            Binding(self.test_class_name, "class", ("test_class_name",)),
            self.test_methods,
            fixtures=[
                *([mock] if self.has_mocks else []),
                *(
                    Fixture(Binding(snake_case(name), "function", at), Expression(name, at))
                    for name, at in classes
                ),
            ],
            imports=[
                *((f"{self.module_under_test}.{name}", at) for name, at in classes),
                *self.declared_imports(),
            ],
            generated_imports=["unittest.mock.MagicMock"] if self.has_mocks else [],
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def mock_fixture(self) -> str | None:
        """The name of the ``MagicMock`` fixture, when ``has_mocks`` asks for one."""
        return MOCK_FIXTURE if self.has_mocks else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def class_fixtures(self) -> dict[str, str]:
        """Each imported class by the name of the fixture that builds it."""
        return {snake_case(name): name for name in self.imported_classes}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def subject(self) -> str:
        """What the class tests: its name without the ``Test`` prefix."""
        return self.test_class_name.removeprefix("Test")


class UnitTestRenderContext(UnitTestContext, BaseRenderContext):
    """What the ``unit_test`` template receives."""
