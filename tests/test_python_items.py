"""Unit tests of scaffold_schemas.python_items: item models and import checks."""

from typing import Any

import pytest
from pydantic import ValidationError

from scaffold_schemas import (
    Method,
    ModelField,
    Parameter,
    TypedName,
    defined_name_problem,
    generated_import_problem,
    import_problem,
    method_summary,
    own_class_problem,
    parameter_problem,
    repeated_import_problem,
    repeated_names,
    shadowing_problem,
    undefined_names_problem,
    unique_names_problem,
    unused_import_problem,
)


class PlainMethod(Method[TypedName]):
    """A method whose parameters have no defaults."""


class DefaultedMethod(Method[Parameter]):
    """A method whose parameters may have defaults."""


class Operation(Method[TypedName]):
    """A method that messages call an operation."""

    kind = "operation"


class Setting(ModelField):
    """A field that messages call a setting, with one extra rule."""

    kind = "setting"

    def name_problem(self) -> str | None:
        if self.name.endswith("_"):
            return f"setting name '{self.name}' ends with '_'"
        return super().name_problem()


def message(model: type[Any], data: dict[str, Any]) -> str:
    """The one error message ``data`` raises against ``model``."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    return str(errors[0]["msg"]).removeprefix("Value error, ")


def param(name: str, type_: str = "int", **extra: str) -> dict[str, str]:
    return {"name": name, "type": type_, **extra}


# --------------------------------------------------------------------------------------------
# Parameters and methods
# --------------------------------------------------------------------------------------------


def test_declarations():
    assert TypedName(name="amount", type="Decimal").declaration == "amount: Decimal"
    assert Parameter(name="limit", type="int").declaration == "limit: int"
    assert Parameter(name="limit", type="int", default="10").declaration == "limit: int = 10"


def test_typed_name_rejects_default_and_description():
    assert message(TypedName, param("a", default="1")) == "Extra inputs are not permitted"
    assert message(TypedName, param("a", description="A.")) == "Extra inputs are not permitted"


def test_method_defaults_and_computed_members():
    method = PlainMethod.model_validate(
        {"name": "charge", "params": [param("amount", "Decimal"), param("note", "str | None")]}
    )
    assert method.returns == "None"
    assert method.is_async is False
    assert method.signature == ["amount: Decimal", "note: str | None"]
    assert method.type_expressions() == ["Decimal", "str | None", "None"]
    assert method.summary == "Charge."


@pytest.mark.parametrize(
    ("name", "description", "summary"),
    [
        ("refund_payment", None, "Refund payment."),
        ("_reload_cache_", None, "Reload cache."),
        ("__call__", None, "Implement ``__call__``."),
        ("refund", "Give the money back.", "Give the money back."),
    ],
)
def test_method_summary(name, description, summary):
    assert PlainMethod(name=name, description=description).summary == summary
    if description is None:
        assert method_summary(name) == summary


def test_method_signature_writes_defaults():
    method = DefaultedMethod.model_validate(
        {"name": "find", "params": [param("key", "str"), param("limit", "int", default="10")]}
    )
    assert method.signature == ["key: str", "limit: int = 10"]


def test_method_rejects_self():
    data = {"name": "run", "params": [param("a"), param("a"), param("self")]}
    assert message(PlainMethod, data) == "method 'run': a parameter may not be named 'self'"


def test_method_rejects_repeated_parameters():
    data = {"name": "run", "params": [param("b"), param("a"), param("b"), param("a")]}
    assert message(PlainMethod, data) == (
        "method 'run': parameter names must be unique; repeated: a, b"
    )


def test_method_kind_names_it_in_messages():
    data = {"name": "run", "params": [param("self")]}
    assert message(Operation, data) == "operation 'run': a parameter may not be named 'self'"


def test_method_rejects_a_required_parameter_after_a_defaulted_one():
    data = {"name": "send", "params": [param("a", default="1"), param("b"), param("c")]}
    assert message(DefaultedMethod, data) == (
        "method 'send': parameter 'b' has no default but follows one that has; move it before them"
    )


def test_method_accepts_defaults_at_the_end():
    params = [param("a"), param("b", default="1"), param("c", default="None")]
    assert DefaultedMethod.model_validate({"name": "send", "params": params}).params[2].default


def test_method_keeps_the_subclass_name_in_its_schema():
    schema = PlainMethod.model_json_schema()
    assert schema["title"] == "PlainMethod"
    assert schema["additionalProperties"] is False
    assert schema["properties"]["params"]["items"] == {"$ref": "#/$defs/TypedName"}


def test_parameter_problem_of_an_empty_list():
    assert parameter_problem([]) is None


# --------------------------------------------------------------------------------------------
# Model fields
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["copy", "model_dump", "model_anything", "schema"])
def test_model_field_rejects_names_base_model_defines(name):
    assert message(ModelField, param(name)) == (
        f"field name '{name}' is reserved by pydantic.BaseModel"
    )


def test_model_field_accepts_a_plain_name():
    field = ModelField.model_validate(param("total", "Decimal", default="0", description="Sum."))
    assert (field.default, field.description) == ("0", "Sum.")


def test_model_field_subclass_words_and_rules():
    assert message(Setting, param("secret_")) == "setting name 'secret_' ends with '_'"
    assert message(Setting, param("_secret")).startswith("setting name '_secret' starts with '_'")
    assert (
        message(Setting, param("copy")) == "setting name 'copy' is reserved by pydantic.BaseModel"
    )


# --------------------------------------------------------------------------------------------
# Name and import checks
# --------------------------------------------------------------------------------------------


def test_repeated_and_unique_names():
    assert repeated_names(["b", "a", "b", "c", "a", "b"]) == ["a", "b"]
    assert unique_names_problem("query", ["a", "b"]) is None
    assert unique_names_problem("query", ["a", "b", "a"]) == (
        "query names must be unique; repeated: a"
    )


def test_undefined_names():
    assert undefined_names_problem(["Order", "list[UUID]"], ["app.Order"]) is None
    assert undefined_names_problem(["Zed | None", "dict[str, Alpha]"], []) == (
        "the types use Alpha, Zed, which nothing defines: add each as 'module.Name' to imports"
    )
    assert undefined_names_problem(["LIMIT", "Money"], [], bound=["LIMIT"], what="defaults") == (
        "defaults use Money, which nothing defines: add each as 'module.Name' to imports"
    )


def test_unused_imports():
    assert unused_import_problem(["app.Order"], ["list[Order]"]) is None
    assert unused_import_problem(["app.models"], ["models.Order"]) is None
    assert unused_import_problem(["app.A", "app.B", "app.B"], ["A"]) == (
        "imports app.B: used by no type or value, remove them (unused imports fail lint)"
    )


def test_repeated_imports():
    assert repeated_import_problem(["app.x.Widget", "app.x.Widget"]) is None
    assert repeated_import_problem(["app.x.Widget", "app.y.Widget"]) == (
        "import 'app.y.Widget' clashes with 'app.x.Widget', which binds 'Widget' too"
    )


def test_clashes_with_generated_imports():
    generated = {"BaseModel": "pydantic.BaseModel"}
    assert generated_import_problem(["pydantic.BaseModel"], generated) is None
    assert generated_import_problem(["app.BaseModel"], generated) == (
        "import 'app.BaseModel' clashes with 'pydantic.BaseModel', which binds 'BaseModel' too"
    )


def test_imports_binding_generated_names():
    assert defined_name_problem(["app.Order"], ["OrderService"]) is None
    assert defined_name_problem(["app.Order", "typing.Protocol"], ["Protocol"]) == (
        "import 'typing.Protocol' binds 'Protocol', a name the generated module binds itself"
    )


def test_own_class_and_shadowing():
    assert own_class_problem("Node", ["list[str]"]) is None
    assert own_class_problem("Node", ["list[Node]"]) == (
        "'Node' is not defined yet inside its own class body: write 'Self'"
        " (import typing.Self) or the quoted forward reference '\"Node\"'"
    )
    assert shadowing_problem("method", ["get"], ["date"]) is None
    assert shadowing_problem("operation", ["date", "get"], ["date | None"]) == (
        "operation names date are also used in type annotations, where the method would"
        " shadow the type: rename the operations"
    )


def test_import_problem_reports_the_first_problem_in_order():
    types = ["Order", "Widget"]
    assert import_problem(["Order"], ["app.Order"], class_name="Shop") is None
    assert import_problem(types, ["app.Shop"], defined=["Shop"]) == (
        "import 'app.Shop' binds 'Shop', a name the generated module binds itself"
    )
    assert import_problem([*types, "Shop"], [], class_name="Shop") == own_class_problem(
        "Shop", ["Shop"]
    )
    assert import_problem(types, ["app.Order"], what="field types") == (
        "field types use Widget, which nothing defines: add each as 'module.Name' to imports"
    )
    assert import_problem(["Order"], ["app.Order", "lib.Order"]) == (
        "import 'lib.Order' clashes with 'app.Order', which binds 'Order' too"
    )
    assert import_problem(["Final"], ["app.Final"], generated={"Final": "typing.Final"}) == (
        "import 'app.Final' clashes with 'typing.Final', which binds 'Final' too"
    )
    assert import_problem(["int"], ["app.Order"]) == (
        "imports app.Order: used by no type or value, remove them (unused imports fail lint)"
    )
