"""Bounds: a huge value makes a short message, and the work grows linearly with the input.

Nothing here is timed (that is ``benchmarks/large_input.py``): the message tests assert the
message's length, and linearity is shown by counting the Python function calls that
validating, rendering and checking a dto makes as its field count doubles.
"""

import sys
from pathlib import Path

import pytest

from scaffold_core import ArtifactManager, ArtifactRegistry, InvalidInput
from scaffold_core.validate import describe_value
from scaffold_core.validate.context import validate_context
from scaffold_schemas import MAX_SHOWN, shown

HUGE = 50_000_000
MANY = 1_000_000
DTO = ArtifactRegistry().get("dto")


@pytest.mark.parametrize(
    "value",
    [
        "a" * HUGE,
        list(range(MANY)),
        {f"key{n}": n for n in range(MANY)},
        [[["x" * HUGE]]],
        10**50_000,
    ],
    ids=["50 MB string", "a million items", "a million keys", "nested", "50,000-digit int"],
)
def test_a_huge_value_is_shown_in_a_line(value):
    assert len(describe_value(value)) <= MAX_SHOWN


@pytest.mark.parametrize(
    "value", ["short", 'it\'s "quoted"', [1, "a", None], {"a": [1, {"b": 2.5}]}, (1,), 10**20]
)
def test_a_short_value_is_shown_as_repr_shows_it(value):
    assert shown(value) == repr(value)


def test_a_long_value_is_shown_by_its_start():
    assert describe_value("x" * 100) == repr("x" * 100)[:57] + "..."
    assert describe_value(list(range(100))) == repr(list(range(100)))[:57] + "..."


def _refused(context: dict[str, object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        validate_context(DTO, context)
    return refused.value


@pytest.mark.parametrize(
    "context",
    [
        {"name": "Bad Name" * (HUGE // 8), "fields": [{"name": "a", "type": "int"}]},
        {"name": list(range(MANY)), "fields": [{"name": "a", "type": "int"}]},
        {"name": "Order", "fields": [{"name": "a", "type": "int ] " * (HUGE // 8)}]},
        {"name": "Order", "fields": [{"name": "a", "type": "int"}], "x": "v" * HUGE},
        {"name": "Order", "fields": [{"name": "a", "type": "int"}], "k" * HUGE: 1},
        {
            "name": "Order",
            "fields": [{"name": "a", "type": "int"}],
            "imports": ["a." + "M" * HUGE],
        },
    ],
    ids=[
        "50 MB name",
        "a million items for a name",
        "50 MB type",
        "50 MB unknown field",
        "50 MB key",
        "50 MB unused import",
    ],
)
def test_a_huge_input_gives_a_short_message(context):
    refused = _refused(context)
    assert len(refused.problems) == 1
    assert len(str(refused)) < 500, str(refused)[:1000]


def test_a_repeated_huge_entry_is_named_briefly():
    context = {"name": "Order", "fields": [{"name": "a", "type": "int"}], "imports": []}
    entry = "app.models." + "M" * HUGE
    context["imports"] = [entry, entry]
    problems = _refused(context).problems
    assert problems
    assert all(len(str(problem)) < 500 for problem in problems), problems


# --- linear growth, counted --------------------------------------------------------------------


def _dto(fields: int) -> dict[str, object]:
    types = ("int", "str", "list[str]", "float | None", "dict[str, Decimal]")
    return {
        "name": "Large",
        "fields": [
            {"name": f"field_{n}", "type": types[n % 5], "description": f"Field {n}."}
            for n in range(fields)
        ],
    }


def _calls(manager: ArtifactManager, fields: int) -> int:
    """The Python and builtin function calls of one validate-render-check of ``fields``."""
    context = _dto(fields)
    manager.render("dto", context, output_path="large.py")  # warm every cache
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        rendering = manager.render("dto", context, output_path="large.py")
    finally:
        sys.setprofile(None)
    assert rendering.problems == ()
    return count


def test_validating_rendering_and_checking_grow_linearly(tmp_path: Path):
    # calls(n) = fixed + n * per_field: doubling the fields doubles the part that grows.
    # A step that scans every field for each field would quadruple it instead.
    manager = ArtifactManager(tmp_path)
    small, medium, large = (_calls(manager, n) for n in (100, 200, 400))
    assert large - medium <= 2.1 * (medium - small), (small, medium, large)
