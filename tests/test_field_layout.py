"""A generated model field is laid out as ruff format lays it out, at every length.

``pd.field`` (``scaffold_core.render.python_source.field``) writes ``name: type``, with
``= Field(...)`` when the field has a default or a description: on one line, exploded, or
in parentheses on lines of its own when ``name: type = Field(`` does not fit. The fuzzer
found a 64-character name that ruff format wrapped and the formatter did not; the longest
``name: type`` is bounded (``MAX_DECLARATION``), beyond which ruff splits the annotation.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scaffold_core.render.python_source import field
from scaffold_schemas.python_items import MAX_BARE_DECLARATION, MAX_DECLARATION, ModelField

RUFF = str(Path(sys.executable).with_name("ruff"))
TYPES = (
    "str",
    "int",
    "str | None",
    "list[str]",
    "Decimal",
    "dict[str, list[tuple[int, str]]] | None",
    "tuple[int, ...]",
    'Literal["a", "b"]',
    "collections.abc.Mapping[str, int]",
    "datetime.date",
)
DEFAULTS = (None, "None", "0", '"x" * 3', 'Decimal("0.00")', "default_value_with_a_long_name")
DESCRIPTIONS = (None, "Short.", "A much longer description of the field that runs past a line.")


@st.composite
def fields(draw: st.DrawFn) -> dict[str, str | None]:
    annotation = draw(st.sampled_from(TYPES))
    default, description = draw(st.sampled_from(DEFAULTS)), draw(st.sampled_from(DESCRIPTIONS))
    valued = default is not None or description is not None
    room = (MAX_DECLARATION if valued else MAX_BARE_DECLARATION) - 2 - len(annotation)
    words = draw(st.lists(st.text("abcdefghij", min_size=1, max_size=12), min_size=1))
    name = ("f_" + "_".join(words))[:room].rstrip("_")  # f_: never a keyword
    return {"name": name, "type": annotation, "default": default, "description": description}


@settings(max_examples=25, deadline=None)
@given(st.lists(fields(), min_size=1, max_size=40))
def test_a_field_is_laid_out_as_ruff_format_does(drawn):
    source = "class S:\n" + "\n".join(field(each) for each in drawn) + "\n"
    formatted = subprocess.run(
        [RUFF, "format", "--isolated", "-"], input=source, capture_output=True, text=True
    )
    assert formatted.stdout == source


def test_the_fuzzers_field_is_wrapped_in_parentheses():
    name = "racking_codetracking_codetracking_codetracking_codetracking_code"
    given = {"name": name, "type": "str | None", "default": "None", "description": None}
    assert field(given) == (f"    {name}: str | None = (\n        Field(default=None)\n    )")


@pytest.mark.parametrize(
    ("limit", "valued"),
    [(MAX_DECLARATION, {"default": "None"}), (MAX_BARE_DECLARATION, {})],
)
def test_a_declaration_longer_than_its_line_holds_is_refused(limit, valued):
    name = "n" * (limit - len(": str | None") + 1)
    with pytest.raises(ValidationError, match=rf"is {limit + 1} characters.*shorten the name"):
        ModelField(name=name, type="str | None", **valued)
    assert ModelField(name=name[:-1], type="str | None", **valued).name == name[:-1]


def test_the_refusal_names_the_longer_part():
    long_type = "tuple[" + ", ".join(["Decimal"] * 9) + "]"
    with pytest.raises(ValidationError, match="shorten the type"):
        ModelField(name="ab", type=long_type)
