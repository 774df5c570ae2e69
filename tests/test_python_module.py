"""The Python-module base: every rule reported at the culprit's location, all at once."""

from typing import Any

import pytest
from pydantic import Field, ValidationError

from scaffold_schemas import (
    Binding,
    ClassName,
    ClassOutline,
    ModelField,
    ModuleOutline,
    PythonModuleContext,
    SnakeCaseName,
    WithImports,
    bindings,
    expressions_in,
    generated,
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
        ([field("_secret", "str")], "private_field"),
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
        "fields": [field("_x", "int"), field("y", "Nowhere")],
        "imports": ["app.Unused"],
    }
    assert len(problems(data)) == 3
