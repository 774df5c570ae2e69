"""Unit tests of scaffold_schemas: field types, base classes, documents, names, exports."""

import functools
import importlib
import io
import json
import pkgutil
import random
import re
import shutil
import subprocess
import tokenize
import types
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis_jsonschema import from_schema
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

import scaffold_schemas
from scaffold_schemas import (
    KNOWN_TYPE_IMPORTS,
    LIFECYCLE_FIELDS,
    MAX_DEPTH,
    BaseContext,
    BaseDocumentContext,
    BaseRenderContext,
    ClassName,
    CodeText,
    DocumentStatus,
    DottedModulePath,
    Identifier,
    ImportPath,
    LifecycleMixin,
    PythonExpression,
    PythonTypeExpression,
    RelativePosixPath,
    SingleLineText,
    SnakeCaseName,
    Text,
    VersionHash,
    VersionString,
    names_in_expression,
    required_imports,
    undefined_names,
)
from scaffold_schemas.fields import LINE_BREAKS

SUBMODULES = tuple(
    importlib.import_module(f"scaffold_schemas.{info.name}")
    for info in pkgutil.iter_modules(scaffold_schemas.__path__)
)


# --------------------------------------------------------------------------------------------
# Helpers, and example contexts that follow the plugin convention
# --------------------------------------------------------------------------------------------


def validate(annotation: Any, value: Any) -> Any:
    return TypeAdapter(annotation).validate_python(value)


def single_error(annotation: Any, value: Any) -> dict[str, Any]:
    """The one error ``value`` raises against ``annotation``."""
    with pytest.raises(ValidationError) as info:
        validate(annotation, value)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    return dict(errors[0])


def errors_of(model: type[BaseModel], data: Any) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [dict(error) for error in info.value.errors()]


class OrderContext(BaseContext):
    name: ClassName
    module: DottedModulePath = "app.orders"
    summary: SingleLineText = "An order."
    note: str = ""


class OrderRenderContext(OrderContext, BaseRenderContext):
    pass


class PatternedContext(BaseContext):
    default_output_path: ClassVar[str | None] = "src/{name:snake}.py"

    name: ClassName


class PatternedRenderContext(PatternedContext, BaseRenderContext):
    pass


class LineContext(BaseContext):
    name: ClassName


class OrderSetContext(BaseContext):
    orders: list[LineContext]
    title: SingleLineText


NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

LIFECYCLE_VALUES: dict[str, Any] = {
    "output_path": "src/order.py",
    "scaffold_created": NOW,
    "template_id": "order",
    "scaffold_updated": NOW,
    "version_hash": "0123abcd",
}


def render_data(**changes: Any) -> dict[str, Any]:
    return {"name": "Order", **LIFECYCLE_VALUES, **changes}


# --------------------------------------------------------------------------------------------
# The name types of fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["OrderCreated", "A", "HTTP2Client", "X1", "Order"])
def test_class_name_accepts_pascal_case(value):
    assert validate(ClassName, value) == value


@pytest.mark.parametrize(
    "value",
    [
        "orderCreated",
        "order",
        "Order_Created",
        "Order-Created",
        "Order.Created",
        "1Order",
        "",
        " Order",
        "Order ",
        "Ördner",
        "_Order",
    ],
)
def test_class_name_rejects_other_spellings(value):
    error = single_error(ClassName, value)
    assert error["type"] == "class_name"
    assert "expected a PascalCase class name" in error["msg"]
    assert "'OrderCreated'" in error["msg"]
    assert error["ctx"] == {"value": value}
    assert error["input"] == value


@pytest.mark.parametrize("value", ["True", "False", "None"])
def test_class_name_rejects_pascal_case_keywords(value):
    error = single_error(ClassName, value)
    assert error["type"] == "python_keyword"
    assert error["msg"] == f"'{value}' is a Python keyword"


@pytest.mark.parametrize("value", ["order_total", "_private", "x1", "__init__", "a", "a_1_b"])
def test_snake_case_name_accepts_snake_case(value):
    assert validate(SnakeCaseName, value) == value


@pytest.mark.parametrize(
    "value",
    [
        "OrderTotal",
        "orderTotal",
        "order-total",
        "order total",
        "order.total",
        "1order",
        "",
        " order",
        "order\n",
        "café",
    ],
)
def test_snake_case_name_rejects_other_spellings(value):
    error = single_error(SnakeCaseName, value)
    assert error["type"] == "snake_case"
    assert "expected a snake_case name" in error["msg"]
    assert "'order_total'" in error["msg"]
    assert error["ctx"] == {"value": value}


@pytest.mark.parametrize("value", ["class", "def", "import"])
def test_snake_case_name_rejects_keywords(value):
    error = single_error(SnakeCaseName, value)
    assert error["type"] == "python_keyword"
    assert error["msg"] == f"'{value}' is a Python keyword"


@pytest.mark.parametrize("value", ["match", "case", "type", "_"])
def test_snake_case_name_rejects_soft_keywords_of_every_python_version(value):
    # 'type' became a soft keyword in Python 3.12; scaffold runs on 3.11 and refuses it too.
    error = single_error(SnakeCaseName, value)
    assert error["type"] == "python_keyword"
    assert error["msg"] == f"'{value}' is a Python soft keyword; choose another name"
    assert error["ctx"] == {"value": value, "name": value}


@pytest.mark.parametrize("value", ["order_id", "OrderId", "_x", "x1", "café", "ORDER"])
def test_identifier_accepts_identifiers(value):
    assert validate(Identifier, value) == value


@pytest.mark.parametrize("value", ["1x", "", "order-id", "a b", "a.b", " x", "x!"])
def test_identifier_rejects_non_identifiers(value):
    error = single_error(Identifier, value)
    assert error["type"] == "identifier"
    assert "expected a Python identifier" in error["msg"]


@pytest.mark.parametrize("value", ["class", "None", "lambda", "match", "case", "type", "_"])
def test_identifier_rejects_keywords(value):
    error = single_error(Identifier, value)
    assert error["type"] == "python_keyword"
    assert value in error["msg"]


@pytest.mark.parametrize("value", ["app", "app.orders.models", "_private.mod", "a1.b_2.c"])
def test_dotted_module_path_accepts_snake_case_parts(value):
    assert validate(DottedModulePath, value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "app..models",
        ".app",
        "app.",
        "App.models",
        "app.Orders",
        "app/orders",
        "app-orders",
        "app.1orders",
        "app. orders",
    ],
)
def test_dotted_module_path_rejects_bad_paths(value):
    error = single_error(DottedModulePath, value)
    assert error["type"] == "module_path"
    assert "expected a dotted module path of snake_case parts" in error["msg"]
    assert "'app.orders.models'" in error["msg"]


@pytest.mark.parametrize(
    ("value", "part"),
    [
        ("class", "class"),
        ("app.class.models", "class"),
        ("app.match", "match"),
        ("type.x", "type"),
    ],
)
def test_dotted_module_path_rejects_keyword_parts(value, part):
    error = single_error(DottedModulePath, value)
    assert error["type"] == "python_keyword"
    assert error["msg"].startswith(f"'{part}' is a Python")
    assert error["ctx"]["value"] == value


@pytest.mark.parametrize(
    "value", ["app.money.Money", "decimal.Decimal", "a.b", "app.money.money", "pkg._Private"]
)
def test_import_path_accepts_module_and_name(value):
    assert validate(ImportPath, value) == value


@pytest.mark.parametrize(
    "value",
    ["Money", "", "app..Money", ".Money", "app.", "app.1x", "app.money-x.M", "app money.M"],
)
def test_import_path_rejects_bad_paths(value):
    error = single_error(ImportPath, value)
    assert error["type"] == "import_path"
    assert "expected 'module.Name'" in error["msg"]
    assert "'app.money.Money'" in error["msg"]


@pytest.mark.parametrize("value", ["app.class.Money", "typing.None", "match.Thing", "app._"])
def test_import_path_rejects_keyword_parts(value):
    error = single_error(ImportPath, value)
    assert error["type"] == "python_keyword"


@pytest.mark.parametrize(
    ("annotation", "value", "name"),
    [
        (ClassName, "I", "I"),
        (ClassName, "O", "O"),
        (SnakeCaseName, "l", "l"),
        (Identifier, "l", "l"),
        (Identifier, "I", "I"),
        (Identifier, "O", "O"),
        (DottedModulePath, "app.l", "l"),
        (ImportPath, "app.money.I", "I"),
        (ImportPath, "l.Money", "l"),
    ],
)
def test_names_refuse_the_ambiguous_names(annotation, value, name):
    error = single_error(annotation, value)
    assert error["type"] == "ambiguous_name"
    assert error["msg"].startswith(f"'{name}' is easily mistaken for ")
    assert "(ruff E741); choose another name" in error["msg"]


@pytest.mark.parametrize(
    ("annotation", "value"),
    [
        (ClassName, "Io"),
        (ClassName, "OI"),
        (SnakeCaseName, "ll"),
        (SnakeCaseName, "l1"),
        (Identifier, "I_"),
        (DottedModulePath, "app.lib"),
        (ImportPath, "app.IO"),
        (SnakeCaseName, "types"),
        (SnakeCaseName, "matches"),
    ],
)
def test_names_containing_a_refused_name_are_accepted(annotation, value):
    assert validate(annotation, value) == value


# --------------------------------------------------------------------------------------------
# The type expression and expression types of fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("int", "int"),
        ("dict[str,int]", "dict[str, int]"),
        ("  list[ str ]  ", "list[str]"),
        ("int|None", "int | None"),
        ("dict[str, int] | None", "dict[str, int] | None"),
        ("None", "None"),
        ("a.b.C", "a.b.C"),
        ("app.money.Money|None", "app.money.Money | None"),
        ("Callable[[int],str]", "Callable[[int], str]"),
        ("Callable[..., int]", "Callable[..., int]"),
        ("tuple[int,...]", "tuple[int, ...]"),
        ("(int)", "int"),
        ("dict[str,\n    int]", "dict[str, int]"),
        ("Literal[1,2]", "Literal[1, 2]"),
        ("int  # the count", "int"),
    ],
)
def test_type_expression_is_normalised(value, normalised):
    assert validate(PythonTypeExpression, value) == normalised


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ('Literal["a"]', 'Literal["a"]'),
        ("Literal['a', 'b']", 'Literal["a", "b"]'),
        ('  Literal["a",  "b"]  ', 'Literal["a", "b"]'),
        ("'Forward'", '"Forward"'),
        ("list['Order']", 'list["Order"]'),
        ("Annotated[int, 'meta']", 'Annotated[int, "meta"]'),
        ('Literal["it\'s"]', 'Literal["it\'s"]'),
    ],
)
def test_type_expression_string_literals_are_double_quoted_like_ruff_format(value, kept):
    assert validate(PythonTypeExpression, value) == kept


@pytest.mark.parametrize(
    "value",
    [
        "foo()",
        "list[foo()]",
        "1 + 2",
        "int & str",
        "int - str",
        "lambda: int",
        "x if y else z",
        "{a}",
        "{'a': int}",
        "[x for x in y]",
        "list[1:2]",
        "not int",
        "int and str",
        "x == int",
        "f'{x}'",
        "(x := int)",
    ],
)
def test_type_expression_rejects_disallowed_nodes(value):
    error = single_error(PythonTypeExpression, value)
    assert error["type"] == "type_expression"
    assert error["msg"].startswith("expected a Python type expression")
    assert "'dict[str, int] | None'" in error["msg"]
    assert "does not parse" not in error["msg"]
    assert error["input"] == value


@pytest.mark.parametrize("value", ["", "   ", "list[", "int str", "*a", "def", "int\nstr"])
def test_type_expression_rejects_what_does_not_parse(value):
    error = single_error(PythonTypeExpression, value)
    assert error["type"] == "type_expression"
    assert error["msg"].startswith("expected a Python type expression")
    assert error["msg"].endswith(f"{value!r} does not parse")


@pytest.mark.parametrize(
    ("annotation", "code"),
    [(PythonTypeExpression, "type_expression"), (PythonExpression, "expression")],
)
@pytest.mark.parametrize(
    ("value", "shown", "position"),
    [
        ("in\x00t", "'\\x00' (U+0000)", 3),
        ("'a\x1eb'", "'\\x1e' (U+001E)", 3),
        ("\x0bint", "'\\x0b' (U+000B)", 1),
    ],
)
def test_expressions_refuse_control_characters_other_than_whitespace(
    annotation, code, value, shown, position
):
    error = single_error(annotation, value)
    assert error["type"] == code
    assert error["msg"] == (
        f"{shown} at position {position} is a control character; an expression may hold"
        " none but tab and line breaks"
    )
    assert error["ctx"]["position"] == position


@pytest.mark.parametrize("value", ["dict[str,\tint]", "dict[str,\r\n  int]", "\x0cint"])
def test_type_expressions_keep_tab_line_breaks_and_form_feed_as_whitespace(value):
    assert validate(PythonTypeExpression, value) in ("dict[str, int]", "int")


def test_type_expression_accepts_negative_literal():
    # PEP 586 lists negative integers (Literal[-3]) as legal Literal parameters.
    assert validate(PythonTypeExpression, "Literal[-1]") == "Literal[-1]"


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("0", "0"),
        ("  0  ", "0"),
        ("[1,2]", "[1, 2]"),
        ("1+2", "1 + 2"),
        ("None", "None"),
        ("foo()", "foo()"),
        ("lambda: 1", "lambda: 1"),
        ("field(default_factory=list)", "field(default_factory=list)"),
        ("(1)", "1"),
        ("Decimal( 0 )", "Decimal(0)"),
    ],
)
def test_expression_is_normalised(value, normalised):
    assert validate(PythonExpression, value) == normalised


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ('"EUR"', '"EUR"'),
        ("  'EUR'  ", '"EUR"'),
        ("{'a':1}", '{"a": 1}'),
        ("Decimal('0.00')", 'Decimal("0.00")'),
        ("'Zürich'", '"Zürich"'),
    ],
)
def test_expression_string_literals_are_double_quoted_like_ruff_format(value, kept):
    assert validate(PythonExpression, value) == kept


@pytest.mark.parametrize(
    "value", ["", "   ", "1 +", "def f(): pass", "x = 1", "import os", "f(x", "a\nb", "*a"]
)
def test_expression_rejects_what_does_not_parse(value):
    error = single_error(PythonExpression, value)
    assert error["type"] == "expression"
    assert error["msg"] == (
        f"expected a Python expression, e.g. '0' or '\"EUR\"'; {value!r} does not parse"
    )


@pytest.mark.parametrize(
    ("annotation", "value"),
    [
        (PythonTypeExpression, 'Literal["a"]  # note'),
        (PythonExpression, '"EUR"  # note'),
    ],
    ids=["type_expression", "expression"],
)
def test_accepted_expression_carries_no_comment_into_generated_code(annotation, value):
    # A comment kept in the value would comment out the rest of the generated line
    # (e.g. ``currency: Literal["a"]  # note = "a"``): reject it or drop it, never keep it.
    try:
        text = validate(annotation, value)
    except ValidationError:
        return
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    assert not [token.string for token in tokens if token.type == tokenize.COMMENT]


# --------------------------------------------------------------------------------------------
# The text, version and status types of fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "stripped"),
    [
        ("Order service", "Order service"),
        ("  padded  ", "padded"),
        ("\tTabbed\t", "Tabbed"),
        ("\n Title \n", "Title"),
        ("\x1c\u2028 Title\x85\u3000", "Title"),
        ("a b\xa0c", "a b\xa0c"),
        ("Zürich 🚀", "Zürich 🚀"),
    ],
)
def test_single_line_text_is_stripped(value, stripped):
    assert validate(SingleLineText, value) == stripped


@pytest.mark.parametrize("separator", list(LINE_BREAKS))
def test_single_line_text_rejects_every_character_splitlines_breaks_on(separator):
    value = f"  first{separator}second"
    error = single_error(SingleLineText, value)
    assert error["type"] == "single_line"
    assert error["msg"] == (
        f"expected a single line of text: {separator!r} (U+{ord(separator):04X}) at position 8"
        " breaks the line"
    )
    assert (error["ctx"]["position"], error["input"]) == (8, value)


def test_line_breaks_are_exactly_what_splitlines_breaks_on():
    breaks = {chr(code) for code in range(0x110000) if len(f"a{chr(code)}b".splitlines()) == 2}
    assert breaks == set(LINE_BREAKS)


@pytest.mark.parametrize("character", ["\t", "\x00", "\x07", "\x1b", "\x1f", "\x7f", "\x9f"])
def test_single_line_text_rejects_other_control_characters(character):
    error = single_error(SingleLineText, f"a{character}b")
    assert error["type"] == "control_character"
    assert error["msg"] == (
        f"{character!r} (U+{ord(character):04X}) at position 2 is a control character, not"
        " allowed in text"
    )


@pytest.mark.parametrize("annotation", [SingleLineText, Text])
@pytest.mark.parametrize(
    "value", ["", "   ", "\n\t ", "\u200b", " \u200b\u200d\ufeff ", "\xad", "\u2060\n\u200b"]
)
def test_text_types_reject_what_renders_empty(annotation, value):
    error = single_error(annotation, value)
    assert error["type"] == "empty_text"
    assert error["msg"] == (
        "expected text; this is empty once whitespace and invisible (zero-width or format)"
        " characters are left out"
    )


@pytest.mark.parametrize(
    ("value", "stripped"),
    [
        ("First line\nsecond line", "First line\nsecond line"),
        ("  \nPara\n\n  ", "Para"),
        ("a\r\nb\rc\r\n\r\nd", "a\nb\nc\n\nd"),
        ("Issue #12 is fixed", "Issue #12 is fixed"),
        ("a\n    # indented four spaces", "a\n    # indented four spaces"),
        ("a\n- item\n-=-\n--- not alone\n== x", "a\n- item\n-=-\n--- not alone\n== x"),
        ("a\n*** rule", "a\n*** rule"),
    ],
)
def test_text_allows_line_breaks_normalises_cr_and_is_stripped(value, stripped):
    assert validate(Text, value) == stripped


@pytest.mark.parametrize(
    ("value", "shown", "line", "column", "kind"),
    [
        ("a\tb", "'\\t' (U+0009)", 1, 2, "a control character, not allowed in text"),
        ("a\nbc\x00", "'\\x00' (U+0000)", 2, 3, "a control character, not allowed in text"),
        ("\n\na\x0bb", "'\\x0b' (U+000B)", 3, 2, "a line separator"),
        ("a\r\nb\u2028c", "'\\u2028' (U+2028)", 2, 2, "a line separator"),
        ("a\x85b", "'\\x85' (U+0085)", 1, 2, "a line separator"),
        ("a\x1eb", "'\\x1e' (U+001E)", 1, 2, "a line separator"),
    ],
)
def test_text_rejects_control_characters_and_other_line_separators(
    value, shown, line, column, kind
):
    error = single_error(Text, value)
    assert error["type"] == "control_character"
    assert error["msg"].startswith(f"{shown} at line {line}, column {column} is {kind}")


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("# e", 1),
        ("  \n   ## Title", 2),
        ("intro\n#hashtag", 2),
        ("intro\r\n\r\n   # three spaces", 3),
        ("a\nb\n#", 3),
    ],
)
def test_text_refuses_a_line_markdown_would_read_as_a_heading(value, line):
    error = single_error(Text, value)
    assert error["type"] == "markdown_heading"
    assert error["msg"] == (
        f"line {line} starts with '#', which Markdown reads as a heading (the document's"
        " headings come from its schema); reword the line so that it does not start with"
        " '#', e.g. 'Issue #12' rather than '#12'"
    )


@pytest.mark.parametrize(
    ("value", "line", "mark"),
    [
        ("Title\n---", 2, "-"),
        ("Title\n===", 2, "="),
        ("Title\n  -  \nmore", 2, "-"),
        ("a\n\nb\n=", 4, "="),
        ("---\ntext", 1, "-"),
    ],
)
def test_text_refuses_a_setext_underline(value, line, mark):
    error = single_error(Text, value)
    assert error["type"] == "markdown_underline"
    assert error["msg"] == (
        f"line {line} is made only of '{mark}', which Markdown reads as underlining the line"
        " above into a heading (or as a rule); remove the line or add words to it"
    )


@pytest.mark.parametrize(
    "value", ["1", "1.0", "2.1.0", "10.20.30", "2.1.0-rc1", "1.0+build.5", "1.0.dev1", "0.1"]
)
def test_version_string_accepts_versions(value):
    assert validate(VersionString, value) == value


@pytest.mark.parametrize(
    "value",
    ["", "v1", "one", "1.0 ", " 1.0", "1.0-", "1.0\n", "1,0", ".1", "1.0 beta", "1..", "1.0."],
)
def test_version_string_rejects_other_text(value):
    error = single_error(VersionString, value)
    assert error["type"] == "version"
    assert error["msg"] == "expected a version such as '1.0' or '2.1.0'"


@pytest.mark.parametrize("value", ["draft", "review", "approved", "superseded"])
def test_document_status_accepts_the_four_states(value):
    assert validate(DocumentStatus, value) == value


@pytest.mark.parametrize("value", ["Draft", "published", ""])
def test_document_status_rejects_other_states(value):
    assert single_error(DocumentStatus, value)["type"] == "literal_error"


def test_field_errors_in_a_model_are_located_and_all_reported():
    class Everything(BaseModel):
        cls: ClassName
        attr: SnakeCaseName
        mod: DottedModulePath
        imp: ImportPath
        annotation: PythonTypeExpression
        default: PythonExpression
        line: SingleLineText
        version: VersionString

    good = Everything(
        cls="Order",
        attr="total",
        mod="app.orders",
        imp="app.money.Money",
        annotation="dict[str,int]",
        default="[1,2]",
        line="  Title ",
        version="1.0",
    )
    assert (good.annotation, good.default, good.line) == ("dict[str, int]", "[1, 2]", "Title")
    bad = {
        "cls": "order",
        "attr": "Total",
        "mod": "App",
        "imp": "Money",
        "annotation": "foo()",
        "default": "1 +",
        "line": "a\nb",
        "version": "v1",
    }
    found = {error["loc"]: error["type"] for error in errors_of(Everything, bad)}
    assert found == {
        ("cls",): "class_name",
        ("attr",): "snake_case",
        ("mod",): "module_path",
        ("imp",): "import_path",
        ("annotation",): "type_expression",
        ("default",): "expression",
        ("line",): "single_line",
        ("version",): "version",
    }


# --------------------------------------------------------------------------------------------
# What the field types say in the JSON Schema
# --------------------------------------------------------------------------------------------

PATTERNED = {
    "ClassName": ClassName,
    "SnakeCaseName": SnakeCaseName,
    "Identifier": Identifier,
    "DottedModulePath": DottedModulePath,
    "ImportPath": ImportPath,
    "PythonTypeExpression": PythonTypeExpression,
    "PythonExpression": PythonExpression,
    "SingleLineText": SingleLineText,
    "Text": Text,
    "VersionString": VersionString,
}
# Pieces the generated strings are made of: what each type's rules are about.
PIECES = (
    *"aZ_09 .#=-'\"[]|()\\,:",
    *LINE_BREAKS,
    *"\t\x00\x07\x1f\x7f\x9f\xa0\xad\u200b\u3000\ufeff",
    "\U000e0001",
    "é",
    "\U0001d465",
    *("l", "I", "O", "type", "match", "None", "class", "_", "int", "list[str]", "Order"),
    *("a.b", "1.0", "-rc1", "   ", "---", "==", "\r\n", "\n# x", "\n---\n", "\n  ==  "),
)


def sample_strings(count: int, seed: int = 0) -> list[str]:
    """Short strings made of PIECES, the same ones for every run (a fixed seed)."""
    chooser = random.Random(seed)
    return ["".join(chooser.choices(PIECES, k=chooser.randint(0, 8))) for _ in range(count)]


def schema_of(annotation: Any) -> dict[str, Any]:
    return adapter(annotation).json_schema()


@functools.cache
def adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def accepts(annotation: Any, value: str) -> bool:
    try:
        adapter(annotation).validate_python(value)
    except ValidationError:
        return False
    return True


def matches(schema: dict[str, Any], value: str) -> bool:
    """The schema's verdict the way jsonschema decides it (Python's re.search, code points)."""
    return len(value) >= schema.get("minLength", 0) and bool(re.search(schema["pattern"], value))


@pytest.mark.parametrize("name", sorted(PATTERNED))
def test_schema_is_never_stricter_than_the_validator(name):
    annotation, schema = PATTERNED[name], schema_of(PATTERNED[name])
    stricter = [
        v for v in sample_strings(4000) if accepts(annotation, v) and not matches(schema, v)
    ]
    assert stricter == []


@pytest.mark.parametrize(
    "name",
    ["ClassName", "SnakeCaseName", "DottedModulePath", "VersionString", "SingleLineText", "Text"],
)
def test_schema_of_these_types_is_exact_within_the_basic_multilingual_plane(name):
    annotation, schema = PATTERNED[name], schema_of(PATTERNED[name])
    values = [value for value in sample_strings(4000, seed=1) if value.isascii() or "é" in value]
    looser = [v for v in values if matches(schema, v) and not accepts(annotation, v)]
    assert looser == []


@pytest.mark.parametrize(
    ("annotation", "refused"),
    [
        (ClassName, ["Order\n", "I", "None", "order"]),
        (SnakeCaseName, ["total\n", "l", "type", "_", "Total"]),
        (Identifier, ["x\n", "O", "match", "1x"]),
        (DottedModulePath, ["app.\n", "app.l", "app.case.x", "app..x"]),
        (ImportPath, ["app\n.X", "app.I", "app", "type.X"]),
        (VersionString, ["1.0\n", "v1"]),
        (SingleLineText, ["a\nb", "a\tb", "\u200b", "a\x00"]),
        (Text, ["# e", "a\n---", "a\tb", "\u200b\n"]),
        (PythonExpression, ["", "  ", "a\x00"]),
    ],
)
def test_schema_refuses_what_it_can_say(annotation, refused):
    schema = schema_of(annotation)
    assert [value for value in refused if matches(schema, value)] == []


def test_schema_keywords_of_each_type():
    assert schema_of(ClassName) == {
        "type": "string",
        "pattern": r"^(?!(?:False|I|None|O|True)(?![\s\S]))[A-Z][A-Za-z0-9]*(?![\s\S])",
    }
    for annotation in (PythonTypeExpression, PythonExpression, SingleLineText, Text):
        assert set(schema_of(annotation)) == {"type", "pattern", "minLength"}
        assert schema_of(annotation)["minLength"] == 1
    assert schema_of(DocumentStatus) == {
        "enum": ["draft", "review", "approved", "superseded"],
        "type": "string",
    }


@pytest.mark.parametrize("name", sorted(PATTERNED))
def test_patterns_use_only_syntax_both_regex_dialects_read_alike(name):
    pattern = schema_of(PATTERNED[name])["pattern"]
    # \s, \d and \w mean other sets in ECMA-262 and Python; only [\s\S] (anything) is safe,
    # and Python's $ also matches before a final newline.
    assert re.findall(r"\\[sdwSDW]", pattern.replace(r"[\s\S]", "")) == []
    assert "$" not in pattern
    assert re.findall(r"\\U|\\N|\\[pP]\{", pattern) == []


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node for an ECMA-262 engine")
def test_patterns_mean_the_same_in_ecma_262():
    values = sample_strings(2000, seed=2)
    cases = {name: schema_of(annotation)["pattern"] for name, annotation in PATTERNED.items()}
    script = """
        const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
        const out = {};
        for (const [name, pattern] of Object.entries(data.cases)) {
            for (const flags of ["", "u"]) {
                const regex = new RegExp(pattern, flags);
                out[name + "/" + flags] = data.values.map((value) => regex.test(value));
            }
        }
        process.stdout.write(JSON.stringify(out));
    """
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps({"cases": cases, "values": values}),
        capture_output=True,
        text=True,
        check=True,
    )
    ecma = json.loads(result.stdout)
    for name, pattern in cases.items():
        python = [bool(re.search(pattern, value)) for value in values]
        assert ecma[f"{name}/"] == python, name
        assert ecma[f"{name}/u"] == python, name


@pytest.mark.parametrize("name", sorted(PATTERNED))
def test_hypothesis_jsonschema_generates_values_the_validator_accepts(name):
    annotation = PATTERNED[name]
    accepted = []

    @settings(max_examples=25, derandomize=True, database=None, deadline=None)
    @given(from_schema(schema_of(annotation)))
    def generate(value):
        assert matches(schema_of(annotation), value)
        if accepts(annotation, value):
            accepted.append(value)

    generate()
    assert accepted


# --------------------------------------------------------------------------------------------
# The lifecycle field types
# --------------------------------------------------------------------------------------------


def test_lifecycle_fields_are_the_system_managed_names():
    assert (
        frozenset(
            {"output_path", "scaffold_created", "scaffold_updated", "template_id", "version_hash"}
        )
        == LIFECYCLE_FIELDS
    )
    assert set(LifecycleMixin.model_fields) == LIFECYCLE_FIELDS


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("src/app.py", "src/app.py"),
        ("app.py", "app.py"),
        ("./src/app.py", "src/app.py"),
        ("src//app.py", "src/app.py"),
        ("src/./app.py", "src/app.py"),
        ("docs/", "docs"),
        ("..hidden/x.md", "..hidden/x.md"),
    ],
)
def test_relative_posix_path_accepts_and_normalises(value, normalised):
    assert validate(RelativePosixPath, value) == normalised


@pytest.mark.parametrize(
    "value",
    [
        "",
        ".",
        "./",
        "/abs/app.py",
        "//server/share",
        "..",
        "../app.py",
        "src/../../app.py",
        "src/..",
        "src\\app.py",
        "C:\\src\\app.py",
    ],
)
def test_relative_posix_path_rejects_escaping_or_non_posix_paths(value):
    error = single_error(RelativePosixPath, value)
    assert error["type"] == "relative_posix_path"
    assert "expected a relative POSIX path inside the project, without '..'" in error["msg"]
    assert error["msg"].endswith(f"got '{value}'")


@pytest.mark.parametrize("value", ["deadbeef", "01234567", "0a1b2c3d"])
def test_version_hash_accepts_eight_lowercase_hex(value):
    assert validate(VersionHash, value) == value


@pytest.mark.parametrize(
    "value",
    ["DEADBEEF", "Deadbeef", "deadbee", "deadbeef0", "deadbeeg", "", "deadbeef\n", " 0123abcd"],
)
def test_version_hash_rejects_anything_else(value):
    assert single_error(VersionHash, value)["type"] == "string_pattern_mismatch"


# --------------------------------------------------------------------------------------------
# BaseContext, what a user provides
# --------------------------------------------------------------------------------------------


def test_context_accepts_valid_input_and_keeps_plain_strings_as_given():
    context = OrderContext(name="Order", summary="  An order  ", note="  spaced  ")
    assert context.name == "Order"
    assert context.summary == "An order"
    assert context.note == "  spaced  "


def test_context_has_no_lifecycle_fields():
    assert LIFECYCLE_FIELDS.isdisjoint(OrderContext.model_fields)
    assert not issubclass(OrderContext, LifecycleMixin)


def test_context_forbids_unknown_keys():
    errors = errors_of(OrderContext, {"name": "Order", "colour": "red"})
    assert [(error["type"], error["loc"]) for error in errors] == [
        ("extra_forbidden", ("colour",))
    ]


@pytest.mark.parametrize("field", sorted(LIFECYCLE_FIELDS))
def test_context_reports_a_lifecycle_field_as_system_managed(field):
    errors = errors_of(OrderContext, {"name": "Order", field: LIFECYCLE_VALUES[field]})
    assert len(errors) == 1
    error = errors[0]
    assert error["type"] == "system_managed"
    assert error["loc"] == (field,)
    assert error["input"] == LIFECYCLE_VALUES[field]
    assert error["msg"] == (
        f"'{field}' is system-managed: scaffold sets it, remove it from the input"
    )
    assert error["ctx"] == {"field": field}


def test_lifecycle_field_is_rejected_even_with_an_invalid_value():
    errors = errors_of(OrderContext, {"name": "Order", "version_hash": "NOT HEX"})
    assert [error["type"] for error in errors] == ["system_managed"]


def test_missing_field_unknown_key_and_lifecycle_field_are_reported_together():
    errors = errors_of(OrderContext, {"colour": "red", "output_path": "src/x.py"})
    assert sorted((error["type"], error["loc"]) for error in errors) == [
        ("extra_forbidden", ("colour",)),
        ("missing", ("name",)),
        ("system_managed", ("output_path",)),
    ]


def test_every_lifecycle_field_and_every_field_error_are_reported_together():
    data = {"name": "order", "summary": "a\nb", **LIFECYCLE_VALUES, "colour": "red"}
    errors = errors_of(OrderContext, data)
    assert [(error["type"], error["loc"]) for error in errors] == [
        ("class_name", ("name",)),
        ("single_line", ("summary",)),
        ("extra_forbidden", ("colour",)),
        ("system_managed", ("output_path",)),
        ("system_managed", ("scaffold_created",)),
        ("system_managed", ("scaffold_updated",)),
        ("system_managed", ("template_id",)),
        ("system_managed", ("version_hash",)),
    ]


def test_validation_error_names_the_context_class():
    with pytest.raises(ValidationError) as info:
        OrderContext.model_validate({"name": "Order", "template_id": "order"})
    assert info.value.title == "OrderContext"
    assert "system-managed" in str(info.value)


def test_other_errors_are_carried_over_unchanged_next_to_system_managed_ones():
    data = {"name": "order", "module": "App", "summary": "   "}
    alone = errors_of(OrderContext, data)
    together = errors_of(OrderContext, {**data, "template_id": "order"})
    assert together[-1]["type"] == "system_managed"
    keys = ("type", "loc", "msg", "input")
    assert [{key: error[key] for key in keys} for error in together[:-1]] == [
        {key: error[key] for key in keys} for error in alone
    ]


def test_error_context_is_carried_over_next_to_system_managed_errors():
    # The docstring of _as_init_error promises errors are carried over unchanged;
    # 'ctx' (e.g. {'min_length': 1}, {'value': ...}) is part of an error.
    data = {"name": "order", "summary": "   "}
    alone = errors_of(OrderContext, data)
    together = errors_of(OrderContext, {**data, "template_id": "order"})
    assert [error.get("ctx") for error in together[:-1]] == [error.get("ctx") for error in alone]


def test_lifecycle_field_in_json_input_is_system_managed():
    with pytest.raises(ValidationError) as info:
        OrderContext.model_validate_json('{"name": "Order", "output_path": "x.py"}')
    assert [error["type"] for error in info.value.errors()] == ["system_managed"]


def test_lifecycle_field_in_a_nested_context_is_located_inside_it():
    data = {
        "orders": [{"name": "Order", "template_id": "x"}, {"name": "bad"}],
        "title": "",
    }
    errors = errors_of(OrderSetContext, data)
    assert sorted((error["type"], error["loc"]) for error in errors) == [
        ("class_name", ("orders", 1, "name")),
        ("empty_text", ("title",)),
        ("system_managed", ("orders", 0, "template_id")),
    ]


class FreeFormContext(BaseContext):
    title: SingleLineText
    note: str = ""
    examples: list[dict[str, Any]] = Field(default_factory=list)


@pytest.mark.parametrize(
    ("data", "loc", "position"),
    [
        ({"title": "T", "note": "a\x00"}, ("note",), 2),
        (
            {"title": "T", "examples": [{"x": 1}, {"y": ["ok", "\x00"]}]},
            ("examples", 1, "y", 1),
            1,
        ),
        ({"title": "T", "examples": [{"k\x00": 1}]}, ("examples", 0, "'k\\x00'"), 2),
    ],
)
def test_context_refuses_a_nul_in_any_string_at_any_depth(data, loc, position):
    errors = errors_of(FreeFormContext, data)
    assert [(error["type"], error["loc"]) for error in errors] == [("nul_character", loc)]
    assert errors[0]["msg"] == (
        f"a NUL character (U+0000), at position {position}, is not allowed in any text"
    )


def test_every_nul_is_reported_next_to_every_other_problem_once_per_place():
    data = {
        "title": "a\x00b",
        "note": "\x00",
        "examples": [{"a": "\x00"}],
        "colour": "red",
        "template_id": "x\x00",
    }
    errors = errors_of(FreeFormContext, data)
    assert [(error["type"], error["loc"]) for error in errors] == [
        ("control_character", ("title",)),
        ("extra_forbidden", ("colour",)),
        ("nul_character", ("note",)),
        ("nul_character", ("examples", 0, "a")),
        ("system_managed", ("template_id",)),
    ]


def test_a_nul_in_a_nested_context_is_reported_once():
    errors = errors_of(OrderSetContext, {"orders": [{"name": "A\x00"}], "title": "T"})
    assert [(error["type"], error["loc"]) for error in errors] == [
        ("class_name", ("orders", 0, "name"))
    ]


def test_the_input_walk_survives_deep_nesting_and_stops_at_the_bound():
    deep: Any = "\x00"
    for _ in range(5000):
        deep = [deep]
    errors = errors_of(FreeFormContext, {"title": "T", "examples": [{"deep": deep}]})
    assert [error["type"] for error in errors] == ["too_deep"]
    assert len(errors[0]["loc"]) == MAX_DEPTH  # the top mapping is level 1


def test_non_dict_input_is_left_to_pydantic():
    errors = errors_of(OrderContext, ["output_path"])
    assert [error["type"] for error in errors] == ["model_type"]


def test_default_output_path_defaults_to_none_and_is_not_a_field():
    assert BaseContext.default_output_path is None
    assert BaseRenderContext.default_output_path is None
    assert OrderContext.default_output_path is None
    assert OrderRenderContext.default_output_path is None
    assert PatternedContext.default_output_path == "src/{name:snake}.py"
    assert PatternedRenderContext.default_output_path == "src/{name:snake}.py"
    assert "default_output_path" not in PatternedContext.model_fields
    assert "default_output_path" not in BaseRenderContext.model_fields


# --------------------------------------------------------------------------------------------
# BaseRenderContext, what a template receives
# --------------------------------------------------------------------------------------------


def test_render_context_accepts_and_normalises_lifecycle_fields():
    context = OrderRenderContext.model_validate(
        render_data(output_path="./src//order.py", scaffold_created="2026-01-02T03:04:05+01:00")
    )
    assert context.name == "Order"
    assert context.module == "app.orders"
    assert context.output_path == "src/order.py"
    assert context.scaffold_created == datetime(
        2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=1))
    )
    assert context.scaffold_created.tzinfo is not None
    assert context.template_id == "order"
    assert context.version_hash == "0123abcd"
    assert issubclass(OrderRenderContext, OrderContext)
    assert issubclass(OrderRenderContext, LifecycleMixin)
    assert set(OrderRenderContext.model_fields) == set(OrderContext.model_fields) | set(
        LIFECYCLE_FIELDS
    )


@pytest.mark.parametrize("field", ["name", "output_path", "version_hash"])
def test_render_context_is_frozen(field):
    context = OrderRenderContext.model_validate(render_data())
    before = getattr(context, field)
    with pytest.raises(ValidationError) as info:
        setattr(context, field, before)
    assert info.value.errors()[0]["type"] == "frozen_instance"
    assert hash(context) == hash(OrderRenderContext.model_validate(render_data()))


def test_plain_context_is_not_frozen():
    context = OrderContext(name="Order")
    context.name = "Invoice"
    assert context.name == "Invoice"


def test_render_context_forbids_unknown_keys():
    errors = errors_of(OrderRenderContext, render_data(colour="red"))
    assert [(error["type"], error["loc"]) for error in errors] == [
        ("extra_forbidden", ("colour",))
    ]


def test_render_context_requires_every_lifecycle_field_but_the_update_time():
    errors = errors_of(OrderRenderContext, {"name": "Order"})
    assert sorted(error["loc"][0] for error in errors) == sorted(
        LIFECYCLE_FIELDS - {"scaffold_updated"}
    )
    assert {error["type"] for error in errors} == {"missing"}


@pytest.mark.parametrize(
    ("field", "value", "error_type"),
    [
        ("version_hash", "0123ABCD", "string_pattern_mismatch"),
        ("version_hash", "0123abc", "string_pattern_mismatch"),
        ("version_hash", "0123abcde", "string_pattern_mismatch"),
        ("output_path", "", "relative_posix_path"),
        ("output_path", "/src/order.py", "relative_posix_path"),
        ("output_path", "../order.py", "relative_posix_path"),
        ("output_path", "src\\order.py", "relative_posix_path"),
        ("scaffold_created", datetime(2026, 1, 2, 3, 4, 5), "timezone_aware"),
        ("scaffold_created", "2026-01-02T03:04:05", "timezone_aware"),
        ("scaffold_created", date(2026, 1, 2), "timezone_aware"),
        ("template_id", "Order", "snake_case"),
        ("template_id", "order-dto", "snake_case"),
        ("template_id", "class", "python_keyword"),
    ],
)
def test_render_context_validates_lifecycle_fields(field, value, error_type):
    errors = errors_of(OrderRenderContext, render_data(**{field: value}))
    assert [(error["type"], error["loc"]) for error in errors] == [(error_type, (field,))]


def test_render_context_still_validates_the_users_fields():
    errors = errors_of(OrderRenderContext, render_data(name="order", summary=""))
    assert [(error["type"], error["loc"]) for error in errors] == [
        ("class_name", ("name",)),
        ("empty_text", ("summary",)),
    ]


# --------------------------------------------------------------------------------------------
# BaseDocumentContext
# --------------------------------------------------------------------------------------------


def test_document_defaults():
    document = BaseDocumentContext(title="  Order service design  ")
    assert document.title == "Order service design"
    assert document.status == "draft"
    assert document.version == "0.1"
    assert document.last_updated is None


def test_document_accepts_explicit_values():
    document = BaseDocumentContext.model_validate(
        {"title": "T", "status": "approved", "version": "2.1.0", "last_updated": "2026-01-02"}
    )
    assert (document.status, document.version) == ("approved", "2.1.0")
    assert document.last_updated == date(2026, 1, 2)


def test_document_requires_a_title():
    errors = errors_of(BaseDocumentContext, {})
    assert [(error["type"], error["loc"]) for error in errors] == [("missing", ("title",))]


@pytest.mark.parametrize(
    ("data", "error_type", "loc"),
    [
        ({"title": "T", "status": "published"}, "literal_error", ("status",)),
        ({"title": "T", "version": "v1"}, "version", ("version",)),
        ({"title": "T", "last_updated": "yesterday"}, "date_from_datetime_parsing", None),
        ({"title": "Two\nlines"}, "single_line", ("title",)),
        ({"title": "   "}, "empty_text", ("title",)),
        ({"title": "T", "author": "me"}, "extra_forbidden", ("author",)),
        ({"title": "T", "template_id": "doc"}, "system_managed", ("template_id",)),
    ],
)
def test_document_rejects_bad_values(data, error_type, loc):
    errors = errors_of(BaseDocumentContext, data)
    assert len(errors) == 1
    assert errors[0]["type"] == error_type
    if loc is not None:
        assert errors[0]["loc"] == loc


def test_document_status_error_lists_the_allowed_states():
    errors = errors_of(BaseDocumentContext, {"title": "T", "status": "done"})
    for state in ("draft", "review", "approved", "superseded"):
        assert state in errors[0]["msg"]


# --------------------------------------------------------------------------------------------
# Names used by expressions and the imports they need
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "names"),
    [
        ("int", {"int"}),
        ("a.b.C", {"a"}),
        ("dict[str, Decimal]", {"dict", "str", "Decimal"}),
        ("app.money.Money | None", {"app"}),
        ("Callable[[date], list[Order]]", {"Callable", "date", "list", "Order"}),
        ("Literal['Money']", {"Literal"}),
        ("None", set()),
        ("x[y.z]", {"x", "y"}),
    ],
)
def test_names_in_expression(expression, names):
    assert names_in_expression(expression) == names


def test_names_in_expression_raises_on_invalid_syntax():
    with pytest.raises(SyntaxError):
        names_in_expression("list[")


@pytest.mark.parametrize(
    ("expressions", "explicit", "imports"),
    [
        ([], [], []),
        (["int", "list[str]"], [], []),
        (["datetime | None"], [], ["datetime.datetime"]),
        (["Decimal", "dict[str, Decimal]"], [], ["decimal.Decimal"]),
        (
            ["Callable[[date], Any]", "list[UUID]"],
            [],
            ["collections.abc.Callable", "datetime.date", "typing.Any", "uuid.UUID"],
        ),
        (["Money"], ["app.money.Money"], ["app.money.Money"]),
        (["Path"], ["my.paths.Path"], ["my.paths.Path"]),
        (["datetime"], ["datetime.datetime"], ["datetime.datetime"]),
        (["int"], ["b.B", "a.A", "b.B"], ["a.A", "b.B"]),
        (
            ["Money | Decimal", "Path"],
            ["zeta.Money", "alpha.Unused"],
            ["alpha.Unused", "decimal.Decimal", "pathlib.Path", "zeta.Money"],
        ),
    ],
)
def test_required_imports(expressions, explicit, imports):
    assert required_imports(expressions, explicit) == imports


def test_required_imports_result_is_sorted_without_duplicates():
    imports = required_imports(
        ["UUID", "Any", "date", "datetime", "Decimal | UUID"], ["zeta.Z", "alpha.A", "zeta.Z"]
    )
    assert imports == sorted(set(imports))
    assert len(imports) == 7


def test_required_imports_accepts_one_shot_iterables():
    # Both parameters are typed Iterable[str]; a generator must work like a list.
    expressions = (text for text in ["Money", "Decimal"])
    explicit = (path for path in ["app.money.Money"])
    assert required_imports(expressions, explicit) == ["app.money.Money", "decimal.Decimal"]


def test_every_known_type_import_ends_with_its_name():
    for name, path in KNOWN_TYPE_IMPORTS.items():
        assert path.rpartition(".")[2] == name
        assert required_imports([name], []) == [path]


@pytest.mark.parametrize(
    ("expressions", "explicit", "undefined"),
    [
        ([], [], []),
        (["int | None", "list[str]", "dict[str, bytes]", "tuple[float, ...]"], [], []),
        (["Decimal", "datetime", "Literal['a']", "Callable[[Path], UUID]"], [], []),
        (["Money"], ["app.money.Money"], []),
        (["Zeta", "Alpha | Money", "Alpha"], [], ["Alpha", "Money", "Zeta"]),
        (
            ["Hh | Gg | Ff | Ee", "dict[Dd, Cc | Bb | Aa]"],
            [],
            ["Aa", "Bb", "Cc", "Dd", "Ee", "Ff", "Gg", "Hh"],
        ),
        (["app.models.Order"], [], ["app"]),
        (["app.models.Order"], ["app.models.Order"], ["app"]),
        (["money"], ["app.money.Money"], ["money"]),
        (["Money | Price"], ["app.money.Money"], ["Price"]),
    ],
)
def test_undefined_names(expressions, explicit, undefined):
    assert undefined_names(expressions, explicit) == undefined


def test_undefined_names_accepts_one_shot_iterables():
    expressions = (text for text in ["Money", "Price"])
    explicit = (path for path in ["app.money.Money"])
    assert undefined_names(expressions, explicit) == ["Price"]


# --------------------------------------------------------------------------------------------
# The package's exports
# --------------------------------------------------------------------------------------------


def _isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: SCREAMING_CASE, then CamelCase, then the rest."""
    if name.isupper():
        return (0, name)
    if name[0].isupper():
        return (1, name)
    return (2, name)


def _public_names_from_submodules() -> set[str]:
    submodule_objects = {
        id(getattr(module, name)) for module in SUBMODULES for name in module.__all__
    }
    # Every name the package offers: bound now, or imported on first use (_EXPORTS).
    offered = {*vars(scaffold_schemas), *scaffold_schemas._EXPORTS}
    return {
        name
        for name, value in ((name, getattr(scaffold_schemas, name)) for name in offered)
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and id(value) in submodule_objects
    }


def test_all_lists_every_public_name_once_in_sorted_order():
    exported = scaffold_schemas.__all__
    assert len(exported) == len(set(exported))
    assert exported == sorted(exported, key=_isort_key)
    assert set(exported) == _public_names_from_submodules()


def test_all_names_exist_and_match_the_submodules():
    for name in scaffold_schemas.__all__:
        assert hasattr(scaffold_schemas, name), name
    for module in SUBMODULES:
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"
            assert getattr(scaffold_schemas, name) is getattr(module, name)
    assert set(scaffold_schemas.__all__) == {
        name for module in SUBMODULES for name in module.__all__
    }


def test_every_public_non_module_attribute_is_exported():
    public = {
        name
        for name, value in vars(scaffold_schemas).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public <= set(scaffold_schemas.__all__)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2 ** 10", "2**10"),
        ("a.b ** 2", "a.b**2"),
        ("x ** y ** z", "x**y**z"),
        ("f(x) ** 2", "f(x) ** 2"),
        ("x ** f(y)", "x ** f(y)"),
        ("a[0] ** 2", "a[0] ** 2"),
        ("(a + b) ** 2", "(a + b) ** 2"),
        ("'a ** b'", '"a ** b"'),
    ],
)
def test_power_operator_is_spaced_like_ruff_format(value, expected):
    assert validate(PythonExpression, value) == expected


def test_repeated_headings_ignore_case_and_name_each_repeating_spelling_once():
    headings = ["Speed", "size", "speed", "Size", "SPEED", "speed"]
    assert scaffold_schemas.repeated_headings(headings) == ["speed", "Size", "SPEED"]
    assert scaffold_schemas.repeated_headings(["A", "B"]) == []


def test_relative_posix_path_schema_is_never_stricter_than_the_validator():
    pattern = re.compile(schema_of(RelativePosixPath)["pattern"])
    adapter = TypeAdapter(RelativePosixPath)
    rng = random.Random(3)
    accepted = refused = 0
    for _ in range(20000):
        value = "".join(rng.choice("ab./\\ .\t") for _ in range(rng.randint(0, 7)))
        try:
            adapter.validate_python(value)
        except ValidationError:
            refused += not pattern.search(value)
            continue
        accepted += 1
        assert pattern.search(value), repr(value)
    assert accepted > 3000
    assert refused > 2000


@pytest.mark.parametrize(
    ("value", "line", "opener"),
    [
        ("```\nunclosed", 1, "'```'"),
        ("Intro.\n\n~~~~\nx\n~~~", 3, "'~~~~'"),
        ("<!-- a comment", 1, "'<!--'"),
        ("Text.\n<PRE>\nx", 2, "'<PRE>'"),
        ("<?php", 1, "'<?'"),
        ("<![CDATA[ x", 1, "'<![CDATA['"),
    ],
)
def test_text_refuses_a_block_that_nothing_closes(value, line, opener):
    error = single_error(Text, value)
    assert error["type"] == "markdown_unclosed"
    assert error["msg"].startswith(f"line {line} opens a Markdown block with {opener}")


@pytest.mark.parametrize(
    "value",
    [
        "```py\nx = 1\n```\nAfter.",
        "~~~~\nx\n~~~~~",
        "<!-- a -->\nText.",
        "<pre>x</pre>",
        "a <!-- b",
    ],
)
def test_text_accepts_blocks_that_close(value):
    assert validate(Text, value) == value


def test_code_text_keeps_comments_tabs_and_indentation_and_refuses_controls():
    code = "\n    total = 1  # a comment\n\tif total:\n\t\tpass  \n\n"
    assert validate(CodeText, code) == "    total = 1  # a comment\n\tif total:\n\t\tpass"
    assert single_error(CodeText, "x = 1\x1e")["type"] == "control_character"
    assert single_error(CodeText, " \n\t ")["type"] == "empty_text"


@pytest.mark.parametrize("value", ["t\x0b", "a\nb.md", "ok\u2028", "tab\there"])
def test_relative_posix_path_refuses_control_characters_and_line_breaks(value):
    error = single_error(RelativePosixPath, value)
    assert error["type"] == "relative_posix_path"
    assert "control character or a line break" in error["msg"]
    assert not re.search(schema_of(RelativePosixPath)["pattern"], value)


@pytest.mark.parametrize("value", ["{{'}}'}}", "{[1]}", "{[]: 1}"])
def test_a_literal_that_fails_to_build_is_refused(value):
    error = single_error(PythonExpression, value)
    assert error["type"] == "expression"
    assert "unhashable type" in error["msg"]


def test_float_exponents_are_normalised_as_ruff_format_writes_them():
    assert validate(PythonExpression, "[1e+16, 3.4E+38, 1e-05]") == "[1e16, 3.4e38, 1e-05]"


def test_text_drops_the_blanks_that_end_its_lines():
    assert validate(Text, "y\u00a0 \n\u2003z  \nlast") == "y\n\u2003z\nlast"
