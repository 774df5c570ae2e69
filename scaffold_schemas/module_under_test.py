"""The module a test module is scaffolded for, told by its public names.

``scaffold new unit_test --for src/shop/workers/refund_worker.py`` reads the module scaffold
wrote and hands the test type a ``ModuleUnderTest``: its import path, its public classes
with their public methods, its public functions. A pytest-module type turns it into its own
input (``PytestModuleContext.input_for``); the input a user gives wins over it.
"""

from dataclasses import dataclass

from scaffold_schemas.text_case import pascal_case, snake_case

__all__ = ["ClassUnderTest", "ModuleUnderTest"]


@dataclass(frozen=True)
class ClassUnderTest:
    """A public class of the module under test and its public methods, in source order."""

    name: str
    methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class ModuleUnderTest:
    """The module under test: ``module`` its dotted import path (``shop.workers.refund_worker``).

    ``classes`` are its public classes (module level, no leading ``_``), ``functions`` its
    public module-level functions, both in source order.
    """

    module: str
    classes: tuple[ClassUnderTest, ...] = ()
    functions: tuple[str, ...] = ()

    @property
    def subject(self) -> str:
        """What its tests are named after: its one public class, else its name in PascalCase.

        ``RefundWorker`` for a module holding that class alone; ``RefundWorker`` too for
        ``shop.refund_worker`` holding two classes or none.
        """
        if len(self.classes) == 1:
            name = self.classes[0].name
            return name[:1].upper() + name[1:]
        return pascal_case(self.module_name)

    @property
    def module_name(self) -> str:
        """The last part of ``module``: ``refund_worker``."""
        return self.module.rpartition(".")[2]

    @property
    def test_class_name(self) -> str:
        """``Test`` and ``subject``: ``TestRefundWorker``."""
        return f"Test{self.subject}"

    def planned_tests(self) -> list[dict[str, object]]:
        """One planned test per public method and function, as input items of ``PlannedTest``.

        ``[{"name": "reserve_stock", "description": "Checks RefundWorker.reserve_stock."}]``:
        the test of a method is named after it in snake_case, after its class too
        (``refund_worker_reserve_stock``) when the module holds several classes.
        """
        several = len(self.classes) > 1
        tests: list[dict[str, object]] = [
            {
                "name": f"{snake_case(cls.name)}_{snake_case(method)}"
                if several
                else snake_case(method),
                "description": f"Checks {cls.name}.{method}.",
            }
            for cls in self.classes
            for method in cls.methods
        ]
        tests += [
            {"name": snake_case(function), "description": f"Checks {function}()."}
            for function in self.functions
        ]
        return tests
