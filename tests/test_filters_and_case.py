"""The Jinja filters that write Python source, and the case conversions."""

import ast
import math
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_core.render.filters import (
    FILTERS,
    docstring_text,
    python_imports,
    python_literal,
    python_string,
)
from scaffold_core.text_case import CONVERSIONS, kebab_case, pascal_case, snake_case

# --- python_string ----------------------------------------------------------------------

TEXTS = [
    "",
    "plain",
    'say "hi"',
    "it's",
    "back\\slash and \\n not a newline",
    "trailing backslash\\",
    "line\nbreak\r\nand\ttab",
    "control \x00 \x1b \x7f chars",
    "naïve café — ✓ 日本語 🎉",
    '"""triple"""',
    "{{ not jinja }} {% neither %}",
]


@pytest.mark.parametrize("text", TEXTS)
def test_python_string_round_trips(text: str) -> None:
    literal = python_string(text)
    assert ast.literal_eval(literal) == text
    assert eval(literal, {"__builtins__": {}}) == text
    assert isinstance(ast.parse(literal, mode="eval").body, ast.Constant)


def test_python_string_is_double_quoted_on_one_line() -> None:
    literal = python_string("a 'b'\nc")
    assert literal == "\"a 'b'\\nc\""
    assert "\n" not in literal


def test_python_string_prefers_the_quote_that_needs_fewer_escapes_like_ruff() -> None:
    assert python_string('a "b"\nc') == "'a \"b\"\\nc'"
    assert python_string("one \" and two ''") == '"one \\" and two \'\'"'
    assert python_string('two "" and one \'') == "'two \"\" and one \\''"


def test_python_string_escapes_backslashes() -> None:
    assert python_string("a\\b") == '"a\\\\b"'


def test_python_string_keeps_non_ascii_as_is() -> None:
    assert python_string("café ✓ 日本") == '"café ✓ 日本"'


# --- python_literal ---------------------------------------------------------------------

NESTED = {
    "name": "Order",
    "quote": 'a "quoted" \\ value\nwith newline',
    "count": 3,
    "negative": -7,
    "big": 10**30,
    "ratio": 0.1,
    "tiny": 1e-300,
    "flags": [True, False, None],
    "empty_list": [],
    "empty_dict": {},
    "nested": {"items": [{"id": 1, "tags": ["a", "b"]}, {"id": 2, "tags": []}], "ok": True},
    "unicode": "naïve ✓",
}


@pytest.mark.parametrize(
    "value",
    [NESTED, [NESTED, [1, [2, [3]]]], "text", 0, -1, 2.5, True, False, None, [], {}],
    ids=lambda value: type(value).__name__,
)
def test_python_literal_round_trips(value: object) -> None:
    source = python_literal(value)
    assert ast.literal_eval(source) == value
    ast.parse(source, mode="eval")


def test_python_literal_spells_python_constants() -> None:
    assert python_literal(True) == "True"
    assert python_literal(False) == "False"
    assert python_literal(None) == "None"
    assert python_literal({"a": [1, None]}) == '{"a": [1, None]}'


def test_python_literal_keeps_bool_distinct_from_int() -> None:
    result = ast.literal_eval(python_literal([True, 1, False, 0]))
    assert [type(item) for item in result] == [bool, int, bool, int]


def test_python_literal_writes_tuples_as_lists() -> None:
    assert ast.literal_eval(python_literal(("a", 1))) == ["a", 1]


def test_python_literal_floats_keep_their_value() -> None:
    for value in [0.1, 1 / 3, 1e16, 123456789.123456789]:
        assert ast.literal_eval(python_literal(value)) == value


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_python_literal_infinity_is_valid_python_or_refused(value: float) -> None:
    # YAML ".inf" and JSON "Infinity" load as float; the literal must not become a bare
    # name ("inf") that raises NameError when the generated module runs.
    try:
        source = python_literal(value)
    except (TypeError, ValueError):
        return
    assert eval(source, {}) == value


@pytest.mark.parametrize(
    "value",
    [{1, 2}, object(), b"bytes", frozenset(), {"nested": {"a_set": {1}}}, [object()]],
    ids=["set", "object", "bytes", "frozenset", "nested_set", "nested_object"],
)
def test_python_literal_refuses_non_json_like_values(value: object) -> None:
    with pytest.raises(TypeError, match="Python literal"):
        python_literal(value)


# --- docstring_text ---------------------------------------------------------------------


def test_docstring_text_leaves_ordinary_text_alone() -> None:
    assert docstring_text("Plain text, with 'quotes' and \"quotes\".") == (
        "Plain text, with 'quotes' and \"quotes\"."
    )


def test_docstring_text_escapes_backslashes_and_triple_quotes() -> None:
    assert docstring_text("a\\b") == "a\\\\b"
    assert docstring_text('x """ y') == 'x \\"\\"\\" y'


@pytest.mark.parametrize(
    "text",
    [
        'Has """ inside',
        "back\\slash",
        '\\"""',
        "\\n stays two characters",
        'a """"" b',
        '""',
        '"quoted" first',
        '"""',
    ],
)
def test_docstring_text_survives_a_triple_quoted_string(text: str) -> None:
    source = '"""' + docstring_text(text) + '"""'
    assert ast.literal_eval(source) == text


def test_docstring_text_is_kept_as_it_is_by_ruff_format(tmp_path) -> None:
    texts = ['""', '"quoted" first', 'ends "quoted"', '"""', 'a """ b']
    source = "".join(
        f'def f{n}():\n    """{docstring_text(t)}"""\n\n\n' for n, t in enumerate(texts)
    )
    path = tmp_path / "docstrings.py"
    path.write_text(source.rstrip("\n") + "\n")
    ruff = str(Path(sys.executable).with_name("ruff"))
    run = subprocess.run(
        [ruff, "format", "--isolated", "--diff", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout


# --- python_imports ---------------------------------------------------------------------


def test_python_imports_docstring_example() -> None:
    assert python_imports(["pydantic.Field", "datetime.date", "pydantic.BaseModel"]) == (
        "from datetime import date\n\nfrom pydantic import BaseModel, Field"
    )


def test_python_imports_groups_stdlib_first_with_one_blank_line() -> None:
    block = python_imports(
        ["pydantic.BaseModel", "typing.Any", "attrs.define", "collections.abc.Iterable"]
    )
    assert block == (
        "from collections.abc import Iterable\n"
        "from typing import Any\n"
        "\n"
        "from attrs import define\n"
        "from pydantic import BaseModel"
    )


def test_python_imports_single_group_has_no_blank_line() -> None:
    assert python_imports(["typing.Any", "datetime.date"]) == (
        "from datetime import date\nfrom typing import Any"
    )
    assert python_imports(["pydantic.Field", "attrs.define"]) == (
        "from attrs import define\nfrom pydantic import Field"
    )


def test_python_imports_classifies_by_top_level_package() -> None:
    block = python_imports(
        ["xml.etree.ElementTree.Element", "typing_extensions.Self", "osmium.Node", "os.sep"]
    )
    stdlib, third_party = block.split("\n\n")
    assert stdlib == "from os import sep\nfrom xml.etree.ElementTree import Element"
    assert third_party == "from osmium import Node\nfrom typing_extensions import Self"


def test_python_imports_sorts_modules() -> None:
    block = python_imports(["typing.Any", "os.path.join", "os.getcwd", "abc.ABC"])
    assert block.splitlines() == [
        "from abc import ABC",
        "from os import getcwd",
        "from os.path import join",
        "from typing import Any",
    ]


def test_python_imports_merges_duplicates() -> None:
    block = python_imports(["typing.Any", "typing.cast", "typing.Any", "typing.cast"])
    assert block == "from typing import Any, cast"


def test_python_imports_accepts_any_iterable() -> None:
    assert python_imports(name for name in ["typing.Any"]) == "from typing import Any"
    assert python_imports(("typing.Any",)) == "from typing import Any"


def test_python_imports_orders_constants_classes_then_functions() -> None:
    assert python_imports(["typing.cast", "typing.Any", "typing.TYPE_CHECKING"]) == (
        "from typing import TYPE_CHECKING, Any, cast"
    )
    assert python_imports(
        ["typing.overload", "typing.T", "typing.Final", "typing.TYPE_CHECKING", "typing.Any"]
    ) == ("from typing import TYPE_CHECKING, Any, Final, T, overload")
    assert python_imports(["abc.abstractmethod", "abc.ABCMeta", "abc.ABC"]) == (
        "from abc import ABC, ABCMeta, abstractmethod"
    )


def test_python_imports_sorts_within_a_type_case_insensitively_like_isort() -> None:
    # isort (and ruff's I001) compare names case-insensitively within each type.
    assert python_imports(["pkg.getValue", "pkg.get_value"]) == (
        "from pkg import get_value, getValue"
    )
    assert python_imports(["pkg.HTTPClient", "pkg.HttpAdapter"]) == (
        "from pkg import HttpAdapter, HTTPClient"
    )


def test_python_imports_of_nothing_is_empty() -> None:
    assert python_imports([]) == ""


def test_python_imports_wraps_a_from_line_longer_than_the_line_like_ruff() -> None:
    module = "a" * 74  # "from <74> import Xy" is 89 columns, one more than the line holds
    assert python_imports([f"{module}.Xy"]) == f"from {module} import (\n    Xy,\n)"
    assert python_imports([f"{module[:-1]}.Xy"]) == f"from {module[:-1]} import Xy"
    assert python_imports([f"{module}.cc", f"{module}.O", f"{module}.DD"]).splitlines() == [
        f"from {module} import (",
        "    DD,",
        "    O,",
        "    cc,",
        ")",
    ]


def test_python_imports_wrapped_block_is_what_ruff_writes(tmp_path) -> None:
    names = ["pytest", f"{'b' * 80}.Thing", "typing.Any", f"app.{'c' * 40}.{'D' * 30}.Small"]
    block = python_imports(names)
    source = tmp_path / "imports.py"
    source.write_text(f"{block}\n\nprint(pytest, Thing, Any, Small)\n")
    ruff = str(Path(sys.executable).with_name("ruff"))
    for command in (["check", "--select", "I"], ["format", "--check"]):
        run = subprocess.run(
            [ruff, *command, "--isolated", str(source)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout


def test_python_imports_block_is_valid_python() -> None:
    block = python_imports(
        ["pydantic.Field", "datetime.date", "pydantic.BaseModel", "typing.TYPE_CHECKING"]
    )
    tree = ast.parse(block)
    assert all(isinstance(node, ast.ImportFrom) for node in tree.body)
    assert not block.startswith("\n")
    assert not block.endswith("\n")


# --- FILTERS ----------------------------------------------------------------------------


def test_filters_table() -> None:
    assert FILTERS["python_string"] is python_string
    assert FILTERS["python_literal"] is python_literal
    assert FILTERS["docstring_text"] is docstring_text
    assert FILTERS["python_imports"] is python_imports
    for name, conversion in CONVERSIONS.items():
        assert FILTERS[name] is conversion


# --- text_case --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OrderDTOWorker", "order_dto_worker"),
        ("HTTPServer", "http_server"),
        ("order-worker", "order_worker"),
        ("OrderWorker", "order_worker"),
        ("orderWorker", "order_worker"),
        ("order_worker", "order_worker"),
        ("order worker", "order_worker"),
        ("  Order--Worker__x ", "order_worker_x"),
        ("DTO", "dto"),
        ("Version2Parser", "version2_parser"),
        ("parseV2", "parse_v2"),
        ("", ""),
    ],
)
def test_snake_case(text: str, expected: str) -> None:
    assert snake_case(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OrderWorker", "order-worker"),
        ("OrderDTOWorker", "order-dto-worker"),
        ("HTTPServer", "http-server"),
        ("order_worker", "order-worker"),
        ("order-worker", "order-worker"),
    ],
)
def test_kebab_case(text: str, expected: str) -> None:
    assert kebab_case(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("order_worker", "OrderWorker"),
        ("order-worker", "OrderWorker"),
        ("order worker", "OrderWorker"),
        ("OrderWorker", "OrderWorker"),
        ("orderWorker", "OrderWorker"),
        ("order_dto_worker", "OrderDtoWorker"),
        ("HTTPServer", "HTTPServer"),
        ("x", "X"),
    ],
)
def test_pascal_case(text: str, expected: str) -> None:
    assert pascal_case(text) == expected


@pytest.mark.parametrize("text", ["OrderDTOWorker", "order-worker", "HTTPServer", "a_b_c"])
def test_conversions_are_idempotent(text: str) -> None:
    for convert in (snake_case, kebab_case, pascal_case):
        assert convert(convert(text)) == convert(text)


def test_snake_and_kebab_agree() -> None:
    for text in ["OrderDTOWorker", "HTTPServer", "order worker", "orderWorker"]:
        assert kebab_case(text) == snake_case(text).replace("_", "-")


def test_conversions_table() -> None:
    assert set(CONVERSIONS) == {"snake", "kebab", "pascal", "lower"}
    assert CONVERSIONS["snake"] is snake_case
    assert CONVERSIONS["kebab"] is kebab_case
    assert CONVERSIONS["pascal"] is pascal_case
    assert CONVERSIONS["lower"]("OrderWorker") == "orderworker"


def test_imports_are_in_ruffs_natural_order(tmp_path):
    names = ["a.OrderService19", "a.OrderService9", "a.Ab2", "a.ab10", "a.AB", "m10", "m9"]
    block = python_imports(names) + "\n"
    path = tmp_path / "block.py"
    path.write_text(block)
    subprocess.run(
        [str(Path(sys.executable).with_name("ruff")), "check", "--isolated", "--select", "I",
         "--fix", "--quiet", str(path)],
        check=False,
    )  # fmt: skip
    assert path.read_text() == block
    assert block.splitlines()[:2] == ["import m9", "import m10"]


def test_float_exponents_are_written_as_ruff_format_writes_them():
    assert python_literal([3.402823466e38, 1e16, 1e-05]) == "[3.402823466e38, 1e16, 1e-05]"
