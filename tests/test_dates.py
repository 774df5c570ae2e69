"""Dates are read from text only in ISO 8601, over every installed type: property-based.

Wherever a type's JSON Schema says ``format: date`` or ``date-time`` (at any depth), text
of digits only is refused at that place: pydantic's lax mode would read ``1709596800`` as
seconds since 1970 and ``20240305`` as a confusing time. The places are found in the
exported schema, never listed, so a new plugin is covered as it is installed.
"""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import Field, ValidationError

from scaffold_schemas import BaseContext, IsoDate
from tests.test_strict_numbers import ARTIFACTS, EACH, SETTINGS, Path, _id, placed, refused_at

DATE_MESSAGE = "expected a date as text, e.g. '2026-03-04' (YYYY-MM-DD)"


def date_paths(schema: dict[str, Any]) -> set[Path]:
    """Each place in ``schema`` whose value is a date or a datetime."""
    found: set[Path] = set()

    def walk(node: dict[str, Any], path: Path, seen: frozenset[str]) -> None:
        if "$ref" in node:
            name = node["$ref"].rpartition("/")[2]
            if name not in seen:
                walk(schema["$defs"][name], path, seen | {name})
        for option in node.get("anyOf", []):
            walk(option, path, seen)
        if node.get("format") in {"date", "date-time"}:
            found.add(path)
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key), seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, EACH), seen)

    walk(schema, (), frozenset())
    return found


DATE_PLACES = [
    (artifact, path)
    for artifact in ARTIFACTS
    for path in sorted(date_paths(artifact.json_schema()))
]


def test_the_date_places_are_found_in_every_installed_type():
    found = {_id(case) for case in DATE_PLACES}
    assert {"design:last_updated", "planning:milestones.*.target_date", "tracking:log.*.day"} <= (
        found
    )


@pytest.mark.parametrize("case", DATE_PLACES, ids=_id)
@SETTINGS
@given(data=st.data())
def test_digits_are_never_read_as_a_date(case, data):
    artifact, path = case
    value = data.draw(st.from_regex(r"\A[0-9]{1,12}\Z"), label="value")
    context, location = data.draw(placed(artifact, path, value))
    problems = refused_at(artifact, context, location)
    assert problems, f"{location} = {value!r} was not refused there"
    assert any(DATE_MESSAGE in problem for problem in problems), problems


class _Dated(BaseContext):
    day: IsoDate
    days: list[IsoDate] = Field(default_factory=list)


@pytest.mark.parametrize(
    "text", ["1709596800", "20240305", "2024-03-05T00:00:00", "+1", "2024-3-5"]
)
def test_a_date_is_only_yyyy_mm_dd(text):
    with pytest.raises(ValidationError) as refused:
        _Dated.model_validate({"day": "2024-03-05", "days": [text]})
    (error,) = refused.value.errors()
    assert (error["loc"], error["msg"]) == (("days", 0), DATE_MESSAGE)


def test_iso_dates_and_calendar_errors_keep_their_meaning():
    assert str(_Dated.model_validate({"day": "2024-03-05"}).day) == "2024-03-05"
    with pytest.raises(ValidationError) as refused:
        _Dated.model_validate({"day": "2024-02-30"})
    assert refused.value.errors()[0]["msg"] != DATE_MESSAGE
