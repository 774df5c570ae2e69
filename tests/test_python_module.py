"""The Python-module base: every rule reported at the culprit's location, all at once."""

from typing import Any

import pytest
from pydantic import BaseModel, Field, ValidationError

from scaffold_schemas import (
    Binding,
    ClassName,
    ClassOutline,
    Expression,
    ModelField,
    ModuleOutline,
    PythonModuleContext,
    PythonTypeExpression,
    Signature,
    SnakeCaseName,
    TypedName,
    WithImports,
    bindings,
    expressions_in,
    generated,
    signatures,
)


class ModelContext(WithImports, PythonModuleContext):
    """A pydantic model with fields, and a method the template always writes."""

    name: ClassName
    fields: list[ModelField] = Field(default_factory=list)
    helpers: list[SnakeCaseName] = Field(default_factory=list)

    def module_outline(self) -> ModuleOutline:
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=[
                        *generated("method", "validate_all"),
                        *bindings(self, "fields", "field"),
                        *bindings(self, "helpers", "method"),
                    ],
                    expressions=expressions_in(self, "fields"),
                    model=True,
                )
            ],
            imports=self.declared_imports(),
            generated_imports=["pydantic.BaseModel"],
        )


def problems(data: dict[str, Any]) -> list[tuple[tuple[object, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        ModelContext.model_validate(data)
    return [(error["loc"], error["type"]) for error in caught.value.errors()]


def field(name: str, type_: str, default: str | None = None) -> dict[str, str]:
    return {"name": name, "type": type_} | ({"default": default} if default else {})


def test_valid_module_lists_every_import_it_needs():
    context = ModelContext.model_validate(
        {
            "name": "Order",
            "fields": [field("id", "UUID"), field("carrier", "Carrier"), field("at", "date")],
            "imports": ["app.shipping.Carrier"],
        }
    )
    assert context.module_imports == [
        "app.shipping.Carrier",
        "datetime.date",
        "pydantic.BaseModel",
        "uuid.UUID",
    ]


def test_a_field_that_shadows_a_type_of_its_class():
    data = {
        "name": "Meeting",
        "fields": [field("date", "date | None", "None"), field("until", "date")],
    }
    assert problems(data) == [(("fields", 0, "name"), "shadows_type")]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ([field("_secret", "str")], "value_error"),  # ModelField refuses it itself
        ([field("r", "'Missing'")], "undefined_name"),
        ([field("r", "list['Missing']")], "undefined_name"),
        ([field("r", "int", "missing_default")], "undefined_name"),
        ([field("r", "Order")], "own_class"),
        ([field("when", "datetime.date")], "undefined_name"),
    ],
)
def test_a_field_rule(fields, expected):
    assert [code for _, code in problems({"name": "Order", "fields": fields})] == [expected]


def test_quoted_values_are_not_forward_references():
    context = ModelContext.model_validate(
        {
            "name": "Order",
            "fields": [
                field("state", "Literal['open now', 'x']"),
                field("size", "Annotated[int, 'not a name']"),
                field("label", "str", '"Missing"'),
                field("parent", "'Order | None'", "None"),
            ],
        }
    )
    assert context.module_imports == ["pydantic.BaseModel", "typing.Annotated", "typing.Literal"]


def test_names_repeated_or_clashing_with_generated_ones():
    data = {
        "name": "Order",
        "fields": [field("total", "int"), field("total", "str")],
        "helpers": ["validate_all", "total"],
    }
    assert problems(data) == [
        (("fields", 1, "name"), "repeated_name"),
        (("helpers", 0), "repeated_name"),
        (("helpers", 1), "repeated_name"),
    ]


def test_import_problems_each_at_its_place():
    data = {
        "name": "Order",
        "fields": [field("a", "Money")],
        "imports": ["app.Money", "other.Money", "x.BaseModel", "app.Unused", "app.Order"],
    }
    assert problems(data) == [
        (("imports", 1), "import_clash"),
        (("imports", 2), "import_clash"),
        (("imports", 3), "unused_import"),
        (("imports", 4), "import_clash"),
    ]


def test_every_problem_is_reported_at_once():
    data = {
        "name": "Order",
        "fields": [field("date", "date"), field("y", "Nowhere")],
        "imports": ["app.Unused"],
    }
    assert [code for _, code in problems(data)] == [
        "shadows_type",
        "unused_import",
        "undefined_name",
    ]


class Query(BaseModel):
    """A method whose parameters the input gives."""

    name: SnakeCaseName
    params: list[TypedName] = Field(default_factory=list)
    returns: PythonTypeExpression = "None"


class ServiceLike(WithImports, PythonModuleContext):
    """A plain class with a base, an injected key, queries and names its template uses."""

    name: ClassName
    base: ClassName | None = None
    key: SnakeCaseName = "key"
    queries: list[Query] = Field(default_factory=list)

    def module_outline(self) -> ModuleOutline:
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=[*generated("method", "get"), *bindings(self, "queries", "method")],
                    expressions=expressions_in(self, "queries"),
                    bases=[Expression(self.base, ("base",), annotation=False)]
                    if self.base
                    else [],
                    generated_uses=["dict"],
                    signatures=[
                        Signature("get", [Binding(self.key, "parameter", ("key",))]),
                        *signatures(self, "queries"),
                    ],
                )
            ],
            imports=self.declared_imports(),
            generated_imports=["functools.cached_property"],
        )


def service_problems(data: dict[str, Any]) -> list[tuple[tuple[object, ...], str, str]]:
    with pytest.raises(ValidationError) as caught:
        ServiceLike.model_validate(data)
    return [(e["loc"], e["type"], e["msg"]) for e in caught.value.errors()]


def test_parameters_are_a_scope_of_their_own_after_self():
    data = {
        "name": "Catalog",
        "key": "self",
        "queries": [{"name": "near", "params": [field("a", "int"), field("a", "str")]}],
    }
    assert [(loc, code) for loc, code, _ in service_problems(data)] == [
        (("key",), "repeated_name"),
        (("queries", 0, "params", 1, "name"), "repeated_name"),
    ]
    message = service_problems(data)[0][2]
    assert "parameters of method 'get'" in message
    assert "(the other is a parameter generated by the template)" in message


def test_a_base_is_defined_before_the_class_and_is_not_the_class():
    assert ServiceLike(name="Catalog", base="Port", imports=["app.Port"]).module_imports == [
        "app.Port",
        "functools.cached_property",
    ]
    assert [code for _, code, _ in service_problems({"name": "Catalog", "base": "Port"})] == [
        "undefined_name"
    ]
    [(loc, code, message)] = service_problems({"name": "Catalog", "base": "Catalog"})
    assert (loc, code) == (("base",), "own_class")
    assert "cannot derive from itself" in message


def test_a_member_may_not_shadow_what_the_template_evaluates_in_the_class():
    [(loc, code, _)] = service_problems({"name": "Catalog", "queries": [{"name": "dict"}]})
    assert (loc, code) == (("queries", 0, "name"), "shadows_type")


@pytest.mark.parametrize("name", ["__slots__", "__qualname__", "__classcell__", "__module__"])
def test_a_member_may_not_take_a_name_class_creation_reads(name):
    [(loc, code, _)] = service_problems({"name": "Catalog", "queries": [{"name": name}]})
    assert (loc, code) == (("queries", 0, "name"), "reserved_name")


def test_dunder_methods_are_allowed():
    assert ServiceLike(name="Catalog", queries=[Query(name="__len__", returns="int")])


def test_a_class_may_not_take_the_name_of_an_import_the_template_writes():
    with pytest.raises(ValidationError) as caught:
        ModelContext.model_validate({"name": "BaseModel"})
    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == (("name",), "repeated_name")
    assert "(the other is an import generated by the template)" in error["msg"]


@pytest.mark.parametrize("type_", ["'Order' | None", "int | 'Order'", "list[int | 'Order']"])
def test_a_quoted_forward_reference_cannot_join_a_union(type_):
    [(loc, code)] = problems({"name": "Order", "fields": [field("parent", type_)]})
    assert (loc, code) == (("fields", 0, "type"), "quoted_union")


def test_a_quoted_union_is_a_forward_reference():
    assert ModelContext(name="Order", fields=[field("parent", "'Order | None'", "None")])


def test_a_problem_is_reported_once_when_its_source_is_declared_twice():
    class Twice(ModelContext):
        def module_outline(self) -> ModuleOutline:
            outline = super().module_outline()
            [model] = outline.classes
            doubled = [*model.expressions, *model.expressions]
            return ModuleOutline(
                classes=[ClassOutline(model.name, model.members, doubled, model=True)],
                generated_imports=outline.generated_imports,
            )

    with pytest.raises(ValidationError) as caught:
        Twice.model_validate({"name": "Order", "fields": [field("r", "Missing")]})
    assert [e["loc"] for e in caught.value.errors()] == [("fields", 0, "type")]


def test_a_builtin_that_is_no_type_cannot_annotate():
    assert problems({"name": "Order", "fields": [field("log", "list[print]")]}) == [
        (("fields", 0, "type"), "not_a_type")
    ]
    assert ModelContext(name="Order", fields=[field("size", "int", "len('ab')")])
    assert ModelContext(name="Order", fields=[field("p", "print")], imports=["app.print"])


def test_a_type_that_names_a_generated_member_is_refused():
    data = {"name": "Order", "fields": [field("total", "validate_all")]}
    assert problems(data) == [(("fields", 0, "type"), "shadows_type")]


def test_the_templates_own_imports_are_not_for_the_input():
    with pytest.raises(ValidationError) as caught:
        ModelContext.model_validate({"name": "Order", "fields": [field("m", "list[BaseModel]")]})
    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == (("fields", 0, "type"), "undefined_name")
    assert "imported by the template for its own code" in error["msg"]
    assert "add 'pydantic.BaseModel' to imports" in error["msg"]
    declared = ModelContext(
        name="Order", fields=[field("m", "list[BaseModel]")], imports=["pydantic.BaseModel"]
    )
    assert declared.module_imports == ["pydantic.BaseModel"]


def outline_using(source: str, *, generated_source: bool) -> ModuleOutline:
    return ModuleOutline(
        expressions=[Expression(source, ("x",), annotation=False, generated=generated_source)],
        generated_imports=["unittest.mock.MagicMock"],
        offered_imports=["pytest"],
    )


def test_source_the_template_writes_may_use_its_imports():
    assert outline_using("MagicMock", generated_source=True).check() == []
    [(loc, code, _)] = outline_using("MagicMock", generated_source=False).check()
    assert (loc, code) == (("x",), "undefined_name")


def test_an_offered_import_is_written_only_when_the_input_uses_it():
    used = outline_using("pytest.param(1, id='one')", generated_source=False)
    assert used.check() == []
    assert used.module_imports() == ["pytest", "unittest.mock.MagicMock"]
    assert outline_using("int", generated_source=False).module_imports() == [
        "unittest.mock.MagicMock"
    ]
