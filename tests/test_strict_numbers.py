"""No silent number coercion, over every installed type: property-based.

Wherever a type's JSON Schema says ``integer`` or ``number`` (at any depth: nested models,
list items, a union's options), a boolean in the input is refused at that place, never read
as 1 or 0; wherever it says ``integer`` only, so is a float such as ``2.0``. Wherever it says
``string`` only, a number is refused, unless the field's description says it takes one (a
pytest case: "JSON numbers ... are taken as their Python source"; a tracking item's id). The
places are found in the exported schema, never listed, so a new plugin is covered as it is
installed; each is put into each of the type's examples (which are valid) by Hypothesis.
"""

import copy
import functools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import Field

from scaffold_core import ArtifactType, InvalidInput
from scaffold_core.validate.context import validate_context
from scaffold_schemas import BaseContext
from tests.fuzzing import discovered_types

ARTIFACTS = discovered_types()
EACH = "*"  # a path part: every item of a list
Path = tuple[str, ...]


def typed_paths(schema: dict[str, Any]) -> dict[Path, set[str]]:
    """Each place in ``schema`` (``("fields", EACH, "name")``) and the JSON types it accepts.

    A place under a description that mentions a number also accepts ``"number as text"``.
    """
    found: dict[Path, set[str]] = {}

    def walk(node: dict[str, Any], path: Path, seen: frozenset[str], documented: bool) -> None:
        documented = documented or "number" in node.get("description", "")
        if "$ref" in node:
            name = node["$ref"].rpartition("/")[2]
            if name not in seen:
                walk(schema["$defs"][name], path, seen | {name}, documented)
        for option in node.get("anyOf", []):
            walk(option, path, seen, documented)
        kinds = node.get("type")
        if kinds is not None:
            accepted = found.setdefault(path, set())
            accepted.update([kinds] if isinstance(kinds, str) else kinds)
            if documented and "string" in accepted:
                accepted.add("number as text")
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key), seen, documented=False)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, EACH), seen, documented)

    walk(schema, (), frozenset(), documented=False)
    return found


def places(kinds: set[str], accepts: set[str]) -> list[tuple[ArtifactType, Path]]:
    """Each (type, place) accepting one of the JSON types ``kinds``, and only ``accepts``."""
    return [
        (artifact, path)
        for artifact in ARTIFACTS
        for path, accepted in typed_paths(artifact.json_schema()).items()
        if path and accepted & kinds and accepted - {"null"} <= accepts
    ]


NUMBER_PLACES = places({"integer", "number"}, {"integer", "number", "string", "number as text"})
INTEGER_PLACES = places({"integer"}, {"integer"})
TEXT_PLACES = places({"string"}, {"string"})


def _id(case: tuple[ArtifactType, Path]) -> str:
    return f"{case[0].artifact_id}:{'.'.join(case[1])}"


@st.composite
def placed(draw: st.DrawFn, artifact: ArtifactType, path: Path, value: object) -> tuple:
    """One of the type's examples with ``value`` put at ``path``, and its input location.

    A missing key is added; at a list, an existing item is chosen, or for a list's last
    part a new item appended. A path through an empty list has no place in that example
    (rejected as a draw).
    """
    examples = _examples(artifact.artifact_id)
    if not examples:
        pytest.skip(f"{artifact.artifact_id} has no examples")
    context = copy.deepcopy(draw(st.sampled_from(examples)))
    node: Any = context
    location: list[str | int] = []
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if part == EACH:
            if not isinstance(node, list):
                node = []  # unreachable for a valid example; fails loudly below
            choices = len(node) + (1 if last else 0)
            if choices == 0:
                draw(st.nothing())
            position = draw(st.integers(0, choices - 1))
            if position == len(node):
                node.append(value)
            location.append(position)
        else:
            location.append(part)
            position = part
            if not last and node.get(part) is None:
                node[part] = [] if path[index + 1] == EACH else {}
        if last:
            node[position] = value
        else:
            node = node[position]
    return context, ".".join(map(str, location))


@functools.cache
def _examples(artifact_id: str) -> list[dict[str, Any]]:
    """The type's examples, read once: each read builds its JSON Schema (a tenth of a second
    for a large type), and a deep place is found in few examples, so most draws miss."""
    (artifact,) = [artifact for artifact in ARTIFACTS if artifact.artifact_id == artifact_id]
    return artifact.examples()


def refused_at(artifact: ArtifactType, context: dict[str, Any], location: str) -> list[str]:
    """The problems reported at ``location``; fails when the context is accepted."""
    with pytest.raises(InvalidInput) as refused:
        validate_context(artifact, context)
    return [str(problem) for problem in refused.value.problems if problem.location == location]


# A path through a list that is empty in some example has no place there: such draws are
# dropped (filtered), the other examples give the place.
SETTINGS = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)


def test_the_places_are_found_in_every_installed_type():
    found = {_id(case) for case in NUMBER_PLACES}
    assert {"pr:closes_issues.*", "reference:test_count", "planning:cycles.*.cycle"} <= found
    assert {"pr:closes_issues.*", "reference:test_count"} <= {_id(c) for c in INTEGER_PLACES}
    assert {"dto:name", "dto:fields.*.type"} <= {_id(case) for case in TEXT_PLACES}


@pytest.mark.parametrize("case", NUMBER_PLACES, ids=_id)
@SETTINGS
@given(data=st.data())
def test_a_boolean_is_never_read_as_a_number(case, data):
    artifact, path = case
    value = data.draw(st.booleans(), label="value")
    context, location = data.draw(placed(artifact, path, value))
    problems = refused_at(artifact, context, location)
    assert problems, f"{location} = {value} was not refused there"
    assert all(f"(given: {value})" in problem for problem in problems)


@pytest.mark.parametrize("case", INTEGER_PLACES, ids=_id)
@SETTINGS
@given(data=st.data())
def test_a_float_is_never_read_as_an_integer(case, data):
    artifact, path = case
    value = float(data.draw(st.integers(1, 10**6), label="whole number"))
    context, location = data.draw(placed(artifact, path, value))
    assert refused_at(artifact, context, location) == [
        f"{location}: Input should be a valid integer (given: {value})"
    ]


@pytest.mark.parametrize("case", TEXT_PLACES, ids=_id)
@SETTINGS
@given(data=st.data())
def test_a_number_is_never_read_as_text(case, data):
    artifact, path = case
    value = data.draw(st.integers(-5, 10**6) | st.floats(allow_nan=False), label="number")
    context, location = data.draw(placed(artifact, path, value))
    assert refused_at(artifact, context, location), f"{location} = {value} was accepted"


class _Item(BaseContext):
    count: int
    share: float = 0.0


class _Counted(BaseContext):
    """A third party's plain ``int`` fields: strict through BaseContext, at any depth."""

    total: int | None = None
    items: list[_Item] = Field(default_factory=list)
    by_name: dict[str, int] = Field(default_factory=dict)
    either: int | str | None = None


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        ({"total": True}, ("total",), "Input should be a valid integer"),
        ({"total": 2.0}, ("total",), "Input should be a valid integer"),
        ({"items": [{"count": 1}, {"count": False}]}, ("items", 1, "count"), "valid integer"),
        ({"items": [{"count": 1, "share": True}]}, ("items", 0, "share"), "valid number"),
        ({"by_name": {"a": True}}, ("by_name", "a"), "valid integer"),
        ({"either": True}, ("either",), "valid integer"),
    ],
)
def test_a_plain_int_of_any_context_refuses_a_boolean_or_a_fraction(data, location, message):
    with pytest.raises(ValueError, match=message) as refused:
        _Counted.model_validate(data)
    assert [error["loc"] for error in refused.value.errors()] == [location]


def test_numbers_stay_numbers():
    counted = _Counted.model_validate(
        {"total": 3, "items": [{"count": 0, "share": 1}], "by_name": {"a": -1}, "either": "x"}
    )
    assert (counted.total, counted.items[0].share, counted.either) == (3, 1.0, "x")
