"""The pytest-module base: a test module is a Python module, with pytest's rules on top.

A Context whose template generates a pytest module (``unit_test``, ``integration_test``)
subclasses ``PytestModuleContext`` and describes that module in ``pytest_module()``: the test
class, its planned tests, the fixtures the module defines (name, return type, scope, the
fixtures each one builds on) and the imports, each with the input location it comes from.
The base turns that into the module's ``ModuleOutline``, so the Python-module rules apply
(unique names, shadowing, undefined names, import clashes, unused imports), and adds
pytest's own, every problem at its input location and all reported at once:

- a fixture that a test requests is one the module defines or one of pytest's built-ins
  (``BUILTIN_FIXTURES``); a fixture the module defines builds only on built-ins and on the
  fixtures defined before it, none kept for a shorter time (its scope);
- a fixture's name, derived ones included (a class ``Class`` would give ``class``), is no
  keyword, not ``l`` (ruff E743), no built-in fixture's, and no name the module's types or
  values use (the fixture function would shadow it);
- a test's parameters (``self``, its fixtures, its parametrize argnames) are unique;
- a parametrize table is consistent: one type per argname (or none), one value per argname
  in each case, one id per case (or none);
- what ``ruff format`` would split again is refused: a parameter of an exploded signature
  or a parametrize value longer than its line, a fixture's return type the layout cannot
  place as ruff does.

The imports the module needs are computed (``module_imports``): ``pytest`` when the module
uses it (a fixture, a mark, an expression such as ``pytest.param(...)``, a built-in's
annotation or the placeholder below), the imports of the built-in fixtures requested, the
template's own and the user's.

A module always holds at least one test, so that pytest never finds none (exit 5): when
nothing is planned, ``placeholder_test`` is the reason of a skipped placeholder test that
says what to write, which the shared macro ``test_class`` of ``macros/pytest.jinja2``
renders as ``test_placeholder``.
"""

import ast
import dataclasses
import keyword
from abc import abstractmethod
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Any, Final, Self, get_args

from pydantic import BaseModel, computed_field

from scaffold_schemas.fields import ClassName, Matches
from scaffold_schemas.module_under_test import ModuleUnderTest
from scaffold_schemas.pytest_items import (
    FixtureScope,
    Parametrization,
    PlannedFixture,
    PlannedTest,
)
from scaffold_schemas.python_module import (
    Binding,
    ClassOutline,
    Expression,
    Loc,
    ModuleOutline,
    PythonModuleContext,
    Signature,
    expressions_in,
)
from scaffold_schemas.python_source import LINE_LENGTH

__all__ = [
    "BUILTIN_FIXTURES",
    "BuiltinFixture",
    "Fixture",
    "PytestModule",
    "PytestModuleContext",
    "TestClassName",
    "fixtures_in",
]

_Problem = tuple[Loc, str, str]

_SCOPES: Final[tuple[FixtureScope, ...]] = get_args(FixtureScope)
# What ruff refuses as a function name (E743); a fixture name derived in snake_case can be "l".
_AMBIGUOUS_NAMES: Final = frozenset({"l", "I", "O"})

# Where generated code puts what may not be split: a module-level fixture's parameters at
# column 4 of an exploded signature, a test method's at column 8; the values of a parametrize
# list at column 12 (one argname) or 16 (inside the tuple of a case with several).
_FIXTURE_COLUMN: Final = 4
_TEST_COLUMN: Final = 8
_VALUE_COLUMN: Final = 12
_TUPLE_VALUE_COLUMN: Final = 16


@dataclass(frozen=True)
class BuiltinFixture:
    """One of pytest's own fixtures: the annotation scaffold writes, its import, its scope."""

    annotation: str
    import_path: str
    scope: FixtureScope


BUILTIN_FIXTURES: Final[Mapping[str, BuiltinFixture]] = MappingProxyType(
    {
        "tmp_path": BuiltinFixture("Path", "pathlib.Path", "function"),
        "tmp_path_factory": BuiltinFixture("pytest.TempPathFactory", "pytest", "session"),
        "monkeypatch": BuiltinFixture("pytest.MonkeyPatch", "pytest", "function"),
        "caplog": BuiltinFixture("pytest.LogCaptureFixture", "pytest", "function"),
        "capsys": BuiltinFixture("pytest.CaptureFixture[str]", "pytest", "function"),
        # ``request`` serves a fixture of any scope, so it counts as the widest.
        "request": BuiltinFixture("pytest.FixtureRequest", "pytest", "session"),
    }
)
"""pytest's own fixtures that tests and fixtures may request, by name."""


TestClassName = Annotated[
    ClassName,
    Matches(
        "Test[A-Z][A-Za-z0-9]*",
        "expected 'Test' followed by a capitalised name, e.g. 'TestOrderService', so that"
        " pytest collects the class",
    ),
]
"""A class pytest collects: ``Test`` and a capitalised name, e.g. ``TestOrderService``.

Refused: any other ``ClassName`` (``string_pattern_mismatch``). JSON Schema: ``pattern``.
"""


@dataclass(frozen=True)
class Fixture:
    """A fixture the module defines: ``@pytest.fixture`` on a function returning ``returns``.

    ``name`` binds the function (user-given with its location, or generated); ``returns``
    is its return annotation, at the location that gives it; ``requires`` are the fixtures
    it builds on, its parameters, each at its location; ``imports`` what ``returns`` needs,
    each at its location.
    """

    name: Binding
    returns: Expression
    scope: FixtureScope = "function"
    requires: Sequence[Binding] = ()
    imports: Sequence[tuple[str, Loc]] = ()


def fixtures_in(model: BaseModel, field_name: str) -> list[Fixture]:
    """The fixtures the list field ``field_name`` of ``model`` declares, each part located.

    The items are ``PlannedFixture``s (or models with the same fields).
    """
    items: Sequence[PlannedFixture] = getattr(model, field_name)
    return [
        Fixture(
            Binding(item.name, "function", (field_name, index, "name")),
            Expression(item.type, (field_name, index, "type")),
            item.scope,
            [
                Binding(name, "parameter", (field_name, index, "requires", position))
                for position, name in enumerate(item.requires)
            ],
            [
                (path, (field_name, index, "imports", position))
                for position, path in enumerate(item.imports)
            ],
        )
        for index, item in enumerate(items)
    ]


@dataclass(frozen=True)
class PytestModule:
    """The pytest module a template generates, as data the base checks.

    ``test_class`` binds the test class; ``tests`` are its planned tests, found in the input
    at ``tests_at``; ``fixtures`` the module's own fixtures, in the order they are written;
    ``imports`` the user's besides the fixtures' own, each with its location;
    ``generated_imports`` the paths the template writes on its own besides ``pytest`` and the
    built-ins' (``unittest.mock.X``).
    """

    test_class: Binding
    tests: Sequence[PlannedTest]
    fixtures: Sequence[Fixture] = ()
    imports: Sequence[tuple[str, Loc]] = ()
    generated_imports: Sequence[str] = ()
    tests_at: Loc = ("test_methods",)

    @property
    def placeholder(self) -> str | None:
        """The skip reason of the placeholder test when no test is planned, else ``None``.

        ``TestOrderService`` gives ``no test planned yet: write the tests of OrderService``.
        """
        if self.tests:
            return None
        subject = self.test_class.name.removeprefix("Test") or self.test_class.name
        return f"no test planned yet: write the tests of {subject}"

    def fixture_types(self) -> dict[str, str]:
        """Every fixture a test may request, by name, with the annotation of its parameter."""
        builtin = {name: fixture.annotation for name, fixture in BUILTIN_FIXTURES.items()}
        return builtin | {fixture.name.name: fixture.returns.source for fixture in self.fixtures}

    def outline(self) -> ModuleOutline:
        """The module as the Python-module base sees it, carrying the pytest problems."""
        located = [(test, (*self.tests_at, index)) for index, test in enumerate(self.tests)]
        available = self.fixture_types()
        own = {fixture.name.name for fixture in self.fixtures}
        requests = [
            (name, (*loc, "fixtures", index))
            for test, loc in located
            for index, name in enumerate(test.fixtures)
        ]
        built_in = [(n, at) for n, at in requests if n in BUILTIN_FIXTURES and n not in own]
        fixture_needs = [
            (require.name, require.loc or ())
            for fixture in self.fixtures
            for require in fixture.requires
            if require.name in BUILTIN_FIXTURES
        ]
        test_class = ClassOutline(
            self.test_class,
            members=[Binding(test.name, "method", (*loc, "name")) for test, loc in located],
            expressions=[
                *(
                    dataclasses.replace(expression, loc=(*loc, *expression.loc))
                    for test, loc in located
                    for expression in expressions_in(test, "parametrize")
                ),
                *(_fixture_type(name, at) for name, at in built_in),
            ],
            signatures=[_signature(test, loc, available) for test, loc in located],
        )
        generated = {
            *self.generated_imports,
            *(BUILTIN_FIXTURES[name].import_path for name, _ in [*built_in, *fixture_needs]),
        }
        draft = _PytestOutline(
            classes=[test_class],
            names=[fixture.name for fixture in self.fixtures],
            expressions=[
                *(fixture.returns for fixture in self.fixtures),
                *(_fixture_type(name, at) for name, at in fixture_needs),
            ],
            imports=[*(i for fixture in self.fixtures for i in fixture.imports), *self.imports],
            offered_imports=["pytest"],
        )
        if (
            self.fixtures
            or self.placeholder is not None
            or any(test.is_async or test.parametrize for test in self.tests)
        ):
            generated.add("pytest")
        return dataclasses.replace(
            draft,
            generated_imports=sorted(generated),
            pytest_problems=[
                *_shadowing(self.fixtures, draft.used_names),
                *self._problems(located),
            ],
        )

    def _problems(self, located: Sequence[tuple[PlannedTest, Loc]]) -> Iterator[_Problem]:
        yield from self._fixture_problems()
        available = self.fixture_types()
        for test, loc in located:
            lines: list[tuple[Loc, str]] = []
            for index, name in enumerate(test.fixtures):
                at = (*loc, "fixtures", index)
                if name in available:
                    lines.append((at, f"{name}: {available[name]}"))
                else:
                    yield (
                        at,
                        "unknown_fixture",
                        (
                            f"{test.name} requests '{name}', which is no fixture here; available:"
                            f" {', '.join(sorted(available))}"
                        ),
                    )
            if test.parametrize is not None:
                table = (*loc, "parametrize")
                yield from _parametrize_problems(test.parametrize, table)
                names, types = test.parametrize.argnames, test.parametrize.argtypes
                typed = len(types) == len(names)
                lines += [
                    ((*table, "argtypes", i), f"{name}: {types[i]}")
                    if typed
                    else ((*table, "argnames", i), name)
                    for i, name in enumerate(names)
                ]
            yield from _long_parameters(test.name, lines, _TEST_COLUMN)

    def _fixture_problems(self) -> Iterator[_Problem]:
        """Each fixture's name and the fixtures it builds on, in the order they are written."""
        scopes = {name: fixture.scope for name, fixture in BUILTIN_FIXTURES.items()}
        types = {name: fixture.annotation for name, fixture in BUILTIN_FIXTURES.items()}
        for fixture in self.fixtures:
            name = fixture.name.name
            if fixture.name.loc is not None:
                yield from _fixture_name_problems(name, fixture.name.loc)
            lines: list[tuple[Loc, str]] = []
            for require in fixture.requires:
                at = require.loc or ()
                scope = scopes.get(require.name)
                if scope is None:
                    yield (
                        at,
                        "unknown_fixture",
                        (
                            f"{name} requires '{require.name}', which is neither a fixture defined"
                            f" before it nor one of pytest's own ({', '.join(BUILTIN_FIXTURES)})"
                        ),
                    )
                elif _SCOPES.index(scope) < _SCOPES.index(fixture.scope):
                    yield (
                        at,
                        "fixture_scope",
                        (
                            f"{name} ({fixture.scope} scope) cannot use '{require.name}' ({scope}"
                            " scope), which pytest keeps for a shorter time; widen its scope or"
                            f" narrow {name}'s"
                        ),
                    )
                else:
                    lines.append((at, f"{require.name}: {types[require.name]}"))
            yield from _long_parameters(name, lines, _FIXTURE_COLUMN)
            yield from _long_return(fixture, [parameter for _, parameter in lines])
            scopes[name] = fixture.scope
            types[name] = fixture.returns.source


def _fixture_name_problems(name: str, at: Loc) -> Iterator[_Problem]:
    """A fixture's name, which may be derived (``Class`` gives ``class``), must be usable."""
    if keyword.iskeyword(name):
        yield at, "python_keyword", f"the fixture would be named '{name}', a Python keyword"
    elif name in _AMBIGUOUS_NAMES:
        yield (
            at,
            "ambiguous_name",
            f"the fixture would be named '{name}', easily mistaken for '1' or 'I' (ruff E743)",
        )
    elif name in BUILTIN_FIXTURES:
        yield (
            at,
            "builtin_fixture",
            f"'{name}' is one of pytest's own fixtures: choose another name",
        )


def _shadowing(fixtures: Sequence[Fixture], used: Set[str]) -> Iterator[_Problem]:
    """Fixtures named like a name the module's types or values use: the function would win."""
    for fixture in fixtures:
        if fixture.name.loc is not None and fixture.name.name in used:
            yield (
                fixture.name.loc,
                "shadows_type",
                (
                    f"fixture '{fixture.name.name}' is also a name the module's types or values"
                    " use: the fixture function would shadow it; rename the fixture"
                ),
            )


def _signature(test: PlannedTest, loc: Loc, available: Mapping[str, str]) -> Signature:
    """A test's parameters after ``self``: the fixtures that exist, then its argnames."""
    parameters = [
        Binding(name, "parameter", (*loc, "fixtures", index))
        for index, name in enumerate(test.fixtures)
        if name in available
    ]
    if test.parametrize is not None:
        parameters += [
            Binding(name, "parameter", (*loc, "parametrize", "argnames", index))
            for index, name in enumerate(test.parametrize.argnames)
        ]
    return Signature(test.name, parameters)


def _parametrize_problems(table: Parametrization, at: Loc) -> Iterator[_Problem]:
    width = len(table.argnames)
    if table.argtypes and len(table.argtypes) != width:
        yield (
            (*at, "argtypes"),
            "parametrize_shape",
            (
                f"{len(table.argtypes)} types for {width} argnames: give one type per argname,"
                " or none"
            ),
        )
    for row, values in enumerate(table.cases):
        if len(values) != width:
            yield (
                (*at, "cases", row),
                "parametrize_shape",
                f"{len(values)} values for {width} argnames: give one value per argname",
            )
    if table.ids and len(table.ids) != len(table.cases):
        yield (
            (*at, "ids"),
            "parametrize_shape",
            f"{len(table.ids)} ids for {len(table.cases)} cases: give one id per case, or none",
        )
    column = _TUPLE_VALUE_COLUMN if width > 1 else _VALUE_COLUMN
    limit = LINE_LENGTH - column - 1
    for row, values in enumerate(table.cases):
        for index, value in enumerate(values):
            if len(value) > limit and not _is_atom(value):
                yield (
                    (*at, "cases", row, index),
                    "line_too_long",
                    (
                        f"'{value[:24]}...' is {len(value)} characters, more than a line of the"
                        f" parametrize list holds ({limit}); pass smaller values and build the"
                        " object in the test"
                    ),
                )


def _is_atom(source: str) -> bool:
    """A literal string or number (maybe negative): ruff format never splits it."""
    node = ast.parse(source, mode="eval").body
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant)


def _long_parameters(
    function: str, lines: Sequence[tuple[Loc, str]], column: int
) -> Iterator[_Problem]:
    """Each ``name: type`` that does not fit on its own line of an exploded signature."""
    for at, parameter in lines:
        if column + len(parameter) + 1 > LINE_LENGTH:
            yield (
                at,
                "line_too_long",
                (
                    f"{function}: the parameter '{parameter}' is too long for one line of the"
                    f" signature (at most {LINE_LENGTH - column - 1} characters): shorten the"
                    " name or alias the type"
                ),
            )


def _long_return(fixture: Fixture, parameters: Sequence[str]) -> Iterator[_Problem]:
    """A return type ruff format would lay out otherwise than the template can.

    When ``def name(...) -> T:`` is too long, the template explodes the parameters, or,
    without any, puts a type without brackets in parentheses and the core splits a subscript
    at its brackets; what is left, ruff would split another way.
    """
    name, returns = fixture.name.name, fixture.returns.source
    if len(f"def {name}({', '.join(parameters)}) -> {returns}:") <= LINE_LENGTH:
        return
    dotted = all(part.isidentifier() for part in returns.split("."))
    if parameters:
        fits = dotted or len(f") -> {returns}:") <= LINE_LENGTH
    elif "[" in returns or "(" in returns:
        fits = isinstance(ast.parse(returns, mode="eval").body, ast.Subscript)
    else:
        fits = dotted or _FIXTURE_COLUMN + len(returns) <= LINE_LENGTH
    if not fits:
        yield (
            fixture.returns.loc,
            "line_too_long",
            (
                f"{name}: 'def {name}(...) -> {returns}:' is too long for a line, and ruff"
                " format would split the return type again: shorten the fixture's name or"
                " alias the type"
            ),
        )


def _fixture_type(name: str, loc: Loc) -> Expression:
    """The annotation of built-in fixture ``name`` where a test or fixture requests it."""
    return Expression(BUILTIN_FIXTURES[name].annotation, loc, generated=True)


@dataclass(frozen=True)
class _PytestOutline(ModuleOutline):
    """A module outline that also reports the pytest problems found while building it."""

    pytest_problems: Sequence[_Problem] = ()

    def check(self) -> list[_Problem]:
        """The Python-module problems, then pytest's."""
        return [*super().check(), *self.pytest_problems]


_BUILT_MODULE: Final = "_scaffold_built_pytest_module"


class PytestModuleContext(PythonModuleContext):
    """Base of a Context whose template generates one pytest module.

    Subclasses implement ``pytest_module()``; the base checks it (``ValidationError``, one
    error per problem, at the culprit's location) and offers the template ``module_imports``,
    ``fixture_types``, ``has_async_tests`` and ``placeholder_test``.
    """

    @abstractmethod
    def pytest_module(self) -> PytestModule:
        """The test module the template generates."""

    @classmethod
    def input_for(
        cls,
        subject: ModuleUnderTest,  # noqa: ARG003 -- the types that take it read it
    ) -> dict[str, object] | None:
        """The input of a test module for ``subject`` (``scaffold new TYPE --for PATH``).

        A mapping of this Context's fields, validated as any input once the fields the user
        gives are laid over it; ``None`` (this default) means the type is not filled from a
        module, and ``--for`` refuses it.
        """
        return None

    def _built_module(self) -> PytestModule:
        """``pytest_module()``, built once per frozen instance (a RenderContext).

        A template reads four computed fields that each need it; a frozen instance cannot
        change, so the first one's is kept, in the instance's ``__dict__`` under a name
        pydantic leaves out of fields, dumps and comparisons. A Context (mutable) builds it
        on each call.
        """
        if not self.model_config.get("frozen"):
            return self.pytest_module()
        built = self.__dict__.get(_BUILT_MODULE)
        if not isinstance(built, PytestModule):
            built = self.__dict__[_BUILT_MODULE] = self.pytest_module()
        return built

    def __copy__(self) -> Self:
        """A copy without the kept module: ``model_copy(update=...)`` may change fields."""
        copied = super().__copy__()
        copied.__dict__.pop(_BUILT_MODULE, None)
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        """A deep copy without the kept module (see ``__copy__``)."""
        copied = super().__deepcopy__(memo)
        copied.__dict__.pop(_BUILT_MODULE, None)
        return copied

    def module_outline(self) -> ModuleOutline:
        """The test module as a Python module (see ``PytestModule.outline``)."""
        return self._built_module().outline()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fixture_types(self) -> dict[str, str]:
        """Every fixture a test may request, by name, with the annotation of its parameter."""
        return self._built_module().fixture_types()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def has_async_tests(self) -> bool:
        """Whether any test is async (and so needs pytest-asyncio)."""
        return any(test.is_async for test in self._built_module().tests)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def placeholder_test(self) -> str | None:
        """The skip reason of the placeholder test when nothing is planned, else ``None``.

        The template passes it to ``test_class`` (``macros/pytest.jinja2``), which writes
        ``test_placeholder`` calling ``pytest.skip`` with it: pytest collects one test and
        says what to write, instead of finding none.
        """
        return self._built_module().placeholder
