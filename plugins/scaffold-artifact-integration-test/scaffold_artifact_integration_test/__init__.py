"""Artifact type ``integration_test``: a pytest integration-test module for one scenario.

The module builds each collaborator the scenario needs as a fixture (with its scope and the
fixtures it builds on) and holds a test class with one test per planned method. Every body
raises ``NotImplementedError`` so that a test fails loudly until someone writes it. The rules
are the pytest-module base's (``scaffold_schemas.pytest_module``); this Context declares the
fields, the module, the one rule of its own (the scenario names the file), and how
``scaffold new integration_test --for PATH`` fills the fields from the module under test.
"""

from typing import Final

from pydantic import Field, computed_field, field_validator

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    DocstringText,
    ImportPath,
    ModuleUnderTest,
    PlannedFixture,
    PlannedTest,
    PytestModule,
    PytestModuleContext,
    SingleLineText,
    TestClassName,
    WithImports,
    fixtures_in,
    snake_case,
)

__all__ = [
    "IntegrationTestContext",
    "IntegrationTestMethod",
    "IntegrationTestRenderContext",
    "ManagerFixture",
]

_MAX_SCENARIO_LENGTH: Final = 80


class ManagerFixture(PlannedFixture):
    """A collaborator the scenario needs, built by a fixture of the module."""


class IntegrationTestMethod(PlannedTest):
    """One test method of the test class."""


class IntegrationTestContext(WithImports, PytestModuleContext):
    """What a user provides to scaffold a pytest integration-test module."""

    default_output_path = "tests/integration/test_{test_scenario:snake}.py"

    test_scenario: SingleLineText = Field(
        max_length=_MAX_SCENARIO_LENGTH,
        description="The scenario in a few words, e.g. 'Checkout with card payment': the"
        " module docstring and the file name (tests/integration/test_checkout_with_card"
        "_payment.py), so ASCII letters and digits, and no leading 'test'.",
    )
    test_class_name: TestClassName = Field(
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
    test_description: DocstringText | None = Field(
        default=None, description="What the scenario covers; the module docstring's body."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Names the parametrize types and values use beyond builtins, the"
        " managers' imports and common standard types, as 'module.Name'.",
    )

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

    @classmethod
    def input_for(cls, subject: ModuleUnderTest) -> dict[str, object]:
        """The module's integration as the scenario, a manager per class, a test per method.

        ``shop.workers.refund_worker`` gives the scenario ``Refund worker integration`` (the
        file ``test_refund_worker_integration.py``: pytest refuses two test modules of one
        name, and the unit test's is ``test_refund_worker.py``); each class is built by a
        fixture named after it in snake_case, imported from the module.
        """
        words = subject.module_name.replace("_", " ").strip().capitalize()
        return {
            "test_scenario": f"{words} integration",
            "test_class_name": subject.test_class_name,
            "managers_needed": [
                {
                    "name": snake_case(tested.name),
                    "type": tested.name,
                    "imports": [f"{subject.module}.{tested.name}"],
                }
                for tested in subject.classes
            ],
            "test_methods": subject.planned_tests(),
        }

    def pytest_module(self) -> PytestModule:
        """The fixtures: one per manager, built from the fixtures it requires."""
        return PytestModule(
            Binding(self.test_class_name, "class", ("test_class_name",)),
            self.test_methods,
            fixtures=fixtures_in(self, "managers_needed"),
            imports=self.declared_imports(),
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def scenario_sentence(self) -> str:
        """The scenario as a sentence: capitalised, with a final full stop."""
        text = self.test_scenario[:1].upper() + self.test_scenario[1:]
        return text if text.endswith((".", "!", "?")) else text + "."


class IntegrationTestRenderContext(IntegrationTestContext, BaseRenderContext):
    """What the ``integration_test`` template receives."""
