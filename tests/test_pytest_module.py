"""The pytest-module base: pytest's rules on top of the Python module's, each at its place."""

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field, TypeAdapter, ValidationError

from scaffold_core import PluginHooks
from scaffold_core.render import TemplateEnvironment
from scaffold_schemas import (
    BUILTIN_FIXTURES,
    Binding,
    ClassName,
    DocstringText,
    Expression,
    Fixture,
    PlannedFixture,
    PlannedTest,
    PytestModule,
    PytestModuleContext,
    TestClassName,
    WithImports,
    fixtures_in,
    snake_case,
)


class SuiteContext(WithImports, PytestModuleContext):
    """A test class, fixtures that build on each other, one per built class, a mock on request."""

    test_class_name: TestClassName
    suppliers: list[PlannedFixture] = Field(default_factory=list)
    builds: list[ClassName] = Field(default_factory=list)
    test_methods: list[PlannedTest] = Field(default_factory=list)
    mocked: bool = False

    def pytest_module(self) -> PytestModule:
        mock = Fixture(
            Binding("mock", "function"), Expression("MagicMock", ("mocked",), generated=True)
        )
        built = [(name, ("builds", index)) for index, name in enumerate(self.builds)]
        return PytestModule(
            Binding(self.test_class_name, "class", ("test_class_name",)),
            self.test_methods,
            fixtures=[
                *([mock] if self.mocked else []),
                *fixtures_in(self, "suppliers"),
                *(
                    Fixture(Binding(snake_case(n), "function", at), Expression(n, at))
                    for n, at in built
                ),
            ],
            imports=[*((f"app.{name}", at) for name, at in built), *self.declared_imports()],
            generated_imports=["unittest.mock.MagicMock"] if self.mocked else [],
        )


def suite(**data: Any) -> SuiteContext:
    return SuiteContext.model_validate({"test_class_name": "TestOrders", **data})


def problems(**data: Any) -> list[tuple[tuple[object, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        suite(**data)
    return [(error["loc"], error["type"]) for error in caught.value.errors()]


def message(**data: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        suite(**data)
    return str(caught.value)


def case(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, **fields}


def table(argnames: list[str], cases: list[list[Any]], **fields: Any) -> dict[str, Any]:
    return {"argnames": argnames, "cases": cases, **fields}


# --- imports ----------------------------------------------------------------------------


def test_a_module_that_uses_no_pytest_imports_none():
    assert suite(test_methods=[case("plain")]).module_imports == []
    assert suite(test_methods=[case("plain")]).placeholder_test is None


def test_a_module_without_planned_tests_imports_pytest_for_its_skipped_placeholder():
    assert suite().placeholder_test == "no test planned yet: write the tests of Orders"
    assert suite().module_imports == ["pytest"]


def test_a_built_in_fixture_brings_its_annotations_import_and_pytest_only_when_named():
    assert suite(test_methods=[case("a", fixtures=["tmp_path"])]).module_imports == [
        "pathlib.Path"
    ]
    assert suite(test_methods=[case("a", fixtures=["caplog"])]).module_imports == ["pytest"]


@pytest.mark.parametrize(
    "test",
    [
        case("a", is_async=True),
        case("a", parametrize=table(["x"], [["1"]])),
    ],
)
def test_a_mark_needs_pytest(test):
    assert suite(test_methods=[test]).module_imports == ["pytest"]


def test_fixtures_need_pytest_and_the_generated_imports_come_along():
    context = suite(
        mocked=True,
        suppliers=[{"name": "clock", "type": "Clock"}],
        imports=["app.time.Clock"],
    )
    assert context.module_imports == ["app.time.Clock", "pytest", "unittest.mock.MagicMock"]
    assert problems(suppliers=[{"name": "clock", "type": "Clock"}]) == [
        (("suppliers", 0, "type"), "undefined_name")
    ]


def test_a_parametrize_value_may_use_pytest_and_known_types():
    test = case(
        "a",
        parametrize=table(
            ["amount"],
            [["pytest.param(Decimal(1), marks=pytest.mark.xfail)"]],
            argtypes=["Decimal"],
        ),
    )
    assert suite(test_methods=[test]).module_imports == ["decimal.Decimal", "pytest"]


def test_the_fixture_types_map_built_ins_and_the_modules_own():
    context = suite(mocked=True)
    assert context.fixture_types == {
        **{name: fixture.annotation for name, fixture in BUILTIN_FIXTURES.items()},
        "mock": "MagicMock",
    }


# --- fixture requests -------------------------------------------------------------------


def test_a_test_requests_only_fixtures_that_exist():
    data = {"test_methods": [case("a", fixtures=["tmp_path", "database", "mock"])]}
    assert problems(**data) == [
        (("test_methods", 0, "fixtures", 1), "unknown_fixture"),
        (("test_methods", 0, "fixtures", 2), "unknown_fixture"),
    ]
    assert "test_a requests 'database', which is no fixture here" in message(**data)


def test_a_fixture_builds_on_built_ins_and_fixtures_defined_before_it():
    suppliers = [
        {"name": "db", "type": "int", "requires": ["tmp_path", "cache"]},
        {"name": "cache", "type": "int", "requires": ["db", "cache"]},
    ]
    assert problems(suppliers=suppliers) == [
        (("suppliers", 0, "requires", 1), "unknown_fixture"),
        (("suppliers", 1, "requires", 1), "unknown_fixture"),
    ]
    twice = [{"name": "db", "type": "int", "requires": ["tmp_path", "tmp_path"]}]
    assert problems(suppliers=twice) == [(("suppliers", 0, "requires"), "unique")]


def test_a_fixture_cannot_use_one_pytest_keeps_for_a_shorter_time():
    suppliers = [
        {"name": "db", "type": "int"},
        {"name": "schema", "type": "int", "scope": "module", "requires": ["db", "request"]},
        {"name": "world", "type": "int", "scope": "session", "requires": ["tmp_path"]},
    ]
    assert problems(suppliers=suppliers) == [
        (("suppliers", 1, "requires", 0), "fixture_scope"),
        (("suppliers", 2, "requires", 0), "fixture_scope"),
    ]
    assert "schema (module scope) cannot use 'db' (function scope)" in message(suppliers=suppliers)


def test_a_fixture_may_not_take_a_built_in_fixtures_name_or_pytest():
    assert problems(suppliers=[{"name": "tmp_path", "type": "int"}]) == [
        (("suppliers", 0, "name"), "builtin_fixture")
    ]
    assert problems(suppliers=[{"name": "pytest", "type": "int"}]) == [
        (("suppliers", 0, "name"), "repeated_name")
    ]


def test_a_fixtures_imports_count_and_come_first():
    supplier = {"name": "clock", "type": "Clock", "imports": ["app.time.Clock"]}
    assert suite(suppliers=[supplier]).module_imports == ["app.time.Clock", "pytest"]
    assert problems(suppliers=[supplier], imports=["other.Clock"]) == [
        (("imports", 0), "import_clash")
    ]


@pytest.mark.parametrize(
    ("built", "code"),
    [("L", "ambiguous_name"), ("Class", "python_keyword"), ("TmpPath", "builtin_fixture")],
)
def test_a_derived_fixture_name_must_be_usable(built, code):
    assert problems(builds=[built]) == [(("builds", 0), code)]


def test_a_built_class_is_imported_and_its_fixture_named_in_snake_case():
    context = suite(builds=["OrderService"], test_methods=[case("a", fixtures=["order_service"])])
    assert context.module_imports == ["app.OrderService", "pytest"]
    assert context.fixture_types["order_service"] == "OrderService"


def test_a_fixture_may_not_shadow_a_name_the_types_use():
    data = {
        "suppliers": [{"name": "list", "type": "int"}],
        "test_methods": [case("a", parametrize=table(["x"], [["1"]], argtypes=["list[int]"]))],
    }
    assert problems(**data) == [(("suppliers", 0, "name"), "shadows_type")]


# --- test signatures --------------------------------------------------------------------


def test_test_names_are_unique_once_prefixed():
    data = {"test_methods": [case("places_order"), case("test_places_order")]}
    assert problems(**data) == [(("test_methods", 1, "name"), "repeated_name")]


def test_a_tests_parameters_are_unique_and_self_is_taken():
    data = {
        "test_methods": [
            case("b", fixtures=["caplog"], parametrize=table(["caplog", "self"], [[1, 2]])),
        ]
    }
    assert problems(**data) == [
        (("test_methods", 0, "parametrize", "argnames", 0), "repeated_name"),
        (("test_methods", 0, "parametrize", "argnames", 1), "repeated_name"),
    ]
    twice = [case("a", fixtures=["tmp_path", "tmp_path"], parametrize=table(["x", "x"], [[1, 2]]))]
    assert problems(test_methods=twice) == [
        (("test_methods", 0, "fixtures"), "unique"),
        (("test_methods", 0, "parametrize", "argnames"), "unique"),
    ]


# --- parametrize ------------------------------------------------------------------------


def test_a_parametrize_table_has_one_type_value_and_id_where_it_has_any():
    bad = table(["a", "b"], [[1, 2], [3]], argtypes=["int"], ids=["one", "two", "three"])
    assert problems(test_methods=[case("t", parametrize=bad)]) == [
        (("test_methods", 0, "parametrize", "argtypes"), "parametrize_shape"),
        (("test_methods", 0, "parametrize", "cases", 1), "parametrize_shape"),
        (("test_methods", 0, "parametrize", "ids"), "parametrize_shape"),
    ]


def test_json_scalars_are_taken_as_python_source():
    context = suite(
        test_methods=[case("t", parametrize=table(["a", "b", "c"], [[0, True, None]]))]
    )
    parametrize = context.test_methods[0].parametrize
    assert parametrize is not None
    assert parametrize.cases == [["0", "True", "None"]]


def test_what_ruff_would_split_again_is_refused_where_it_is_given():
    call = f"max({', '.join(['1'] * 40)})"  # a call longer than a line of the value list
    long_type = "dict[" + ", ".join(["str"] * 20) + "]"
    data = {
        "test_methods": [
            case("a", parametrize=table(["x"], [[call], ['"' + "s" * 100 + '"']])),
            case("b", parametrize=table(["x"], [["1"]], argtypes=[long_type])),
        ],
    }
    assert problems(**data) == [
        (("test_methods", 0, "parametrize", "cases", 0, 0), "line_too_long"),
        (("test_methods", 1, "parametrize", "argtypes", 0), "line_too_long"),
    ]


LONG = "Connection" * 8  # 80 characters: no signature of a fixture returning it fits


@pytest.mark.parametrize(
    ("returns", "requires", "refused"),
    [
        (LONG, [], False),  # no parameters: a name goes in parentheses
        (f"dict[str, {LONG}]", [], False),  # the core splits a subscript at its brackets
        (f"int | {LONG[:70]}", [], False),  # a union of names fits in parentheses
        (f"list[int] | {LONG}", [], True),
        (LONG, ["tmp_path"], False),  # parameters exploded, a name left as it is
        (f"dict[str, {LONG}]", ["tmp_path"], True),
    ],
)
def test_a_return_type_ruff_would_split_again_is_refused(returns, requires, refused):
    name = LONG[:70] if "int |" in returns else LONG
    data = {
        "suppliers": [{"name": "database", "type": returns, "requires": requires}],
        "imports": [f"app.db.{name}"],
    }
    if refused:
        assert problems(**data) == [(("suppliers", 0, "type"), "line_too_long")]
    else:
        assert suite(**data).fixture_types["database"] == returns


@pytest.mark.parametrize(
    ("returns", "requires"),
    [
        (LONG, []),
        (f"int | {LONG[:70]}", []),
        (LONG, ["tmp_path: Path"]),
        ("Connection", ["tmp_path: Path"] * 4),
    ],
)
def test_the_fixture_macro_lays_a_signature_out_as_ruff_format_does(returns, requires):
    template = TemplateEnvironment(PluginHooks([])).jinja.from_string(
        '{% import "macros/pytest.jinja2" as pt %}'
        "{{ pt.fixture(name, requires, returns, 'module', 'Build one.', ['return None']) }}\n"
    )
    source = template.render(name="database_connection", requires=requires, returns=returns)
    ruff = str(Path(sys.executable).with_name("ruff"))
    formatted = subprocess.run(
        [ruff, "format", "--isolated", "-"], input=source, capture_output=True, text=True
    )
    assert formatted.stdout == source


# --- names and imports, as a Python module ----------------------------------------------


def test_an_import_clashing_with_a_built_in_fixtures_annotation_is_refused():
    data = {"test_methods": [case("a", fixtures=["tmp_path"])], "imports": ["app.files.Path"]}
    assert problems(**data) == [(("imports", 0), "import_clash")]


def test_names_the_expressions_use_are_defined_and_imports_are_used():
    data = {
        "test_methods": [case("a", parametrize=table(["x"], [["Money(1)"]]))],
        "imports": ["app.unused.Thing"],
    }
    assert problems(**data) == [
        (("imports", 0), "unused_import"),
        (("test_methods", 0, "parametrize", "cases", 0, 0), "undefined_name"),
    ]


@pytest.mark.parametrize(
    "value", ["lambda q: q", "[z for z in range(3)]", "{k: v for k, v in {}.items()}"]
)
def test_names_a_value_binds_for_itself_are_not_undefined(value):
    test = case("a", parametrize=table(["x"], [[value]]))
    assert suite(test_methods=[test]).module_imports == ["pytest"]


def test_a_name_read_inside_a_lambda_must_be_defined():
    test = case("a", parametrize=table(["x"], [["lambda q: q + rate"]]))
    assert problems(test_methods=[test]) == [
        (("test_methods", 0, "parametrize", "cases", 0, 0), "undefined_name")
    ]


def test_every_problem_is_reported_at_once():
    data = {
        "suppliers": [{"name": "tmp_path", "type": "int", "requires": ["nothing"]}],
        "test_methods": [
            case("a", fixtures=["missing"], parametrize=table(["x"], [[1, 2]])),
            case("a"),
        ],
        "imports": ["app.Unused"],
    }
    assert len(problems(**data)) == 6


# --- field types ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["TestOrders", "TestA", "TestHTTP2"])
def test_test_class_name_accepts_what_pytest_collects(name):
    adapter = TypeAdapter(TestClassName)
    assert adapter.validate_python(name) == name
    assert re.search(adapter.json_schema()["pattern"], name)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Test", "string_pattern_mismatch"),
        ("Testorders", "string_pattern_mismatch"),
        ("OrdersTest", "string_pattern_mismatch"),
        ("Test_Orders", "class_name"),
        ("test_x", "class_name"),
    ],
)
def test_test_class_name_refuses_what_pytest_does_not_collect(name, code):
    adapter = TypeAdapter(TestClassName)
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(name)
    assert caught.value.errors()[0]["type"] == code
    assert not re.search(adapter.json_schema()["pattern"], name)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "  \tRows.   \n\t  - quoted\t \n\n\t  - empty   ",
            "Rows.\n          - quoted\n\n          - empty",
        ),
        ("Windows\r\nlines\rhere", "Windows\nlines\nhere"),
        ("# not a heading in a docstring", "# not a heading in a docstring"),
    ],
)
def test_docstring_text_is_laid_out_as_ruff_keeps_it(text, body):
    adapter = TypeAdapter(DocstringText)
    assert adapter.validate_python(text) == body
    assert re.search(adapter.json_schema()["pattern"], text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("nul \x00", "control_character"),
        ("form\x0cfeed", "control_character"),
        ("line\u2028separator", "control_character"),
        (" \t\n ", "empty_text"),
        ("\u200b\ufeff", "empty_text"),
    ],
)
def test_docstring_text_refuses_controls_and_empty_text(text, code):
    adapter = TypeAdapter(DocstringText)
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(text)
    assert caught.value.errors()[0]["type"] == code
    if code == "control_character":
        assert not re.search(adapter.json_schema()["pattern"], text)


@pytest.mark.parametrize(
    ("name", "full", "summary"),
    [
        ("places_order", "test_places_order", "Places order."),
        ("test_places_order", "test_places_order", "Places order."),
        ("_private", "test__private", "Private."),
    ],
)
def test_a_planned_test_is_named_for_pytest_and_summarised(name, full, summary):
    test = PlannedTest.model_validate({"name": name})
    assert (test.name, test.summary) == (full, summary)


def test_a_planned_test_needs_words_after_the_prefix():
    with pytest.raises(ValidationError, match="needs words after 'test_'"):
        PlannedTest.model_validate({"name": "test_"})
