import io
from datetime import date
from enum import StrEnum
from typing import Literal

import pytest
from pydantic import BaseModel

from scaffold_core import InvalidInput
from scaffold_core.validate import load_context, merge_assignments
from scaffold_schemas import SingleLineText


class Colour(StrEnum):
    RED = "red"


class Sample(BaseModel):
    name: str
    title: SingleLineText | None = None
    note: str | None = None
    when: date | None = None
    kind: Literal["a", "b"] = "a"
    colour: Colour = Colour.RED
    count: int = 0
    tags: list[str] = []
    flag: bool = False


SAMPLE_FIELDS = {name: field.annotation for name, field in Sample.model_fields.items()}


def test_text_fields_take_raw_text_and_others_take_json():
    merged, problems = merge_assignments(
        {"name": "from file"},
        [
            "name=Order=Thing",
            "title=[a title, not JSON]",
            "note=[not json]",
            "when=2026-01-02",
            "kind=b",
            "colour=red",
            "count=3",
            'tags=["x", "y"]',
            "flag=true",
            "unknown=raw",
        ],
        SAMPLE_FIELDS,
    )
    assert problems == []
    assert merged == {
        "name": "Order=Thing",
        "title": "[a title, not JSON]",
        "note": "[not json]",
        "when": "2026-01-02",
        "kind": "b",
        "colour": "red",
        "count": 3,
        "tags": ["x", "y"],
        "flag": True,
        "unknown": "raw",
    }


def test_bad_pairs_are_all_reported():
    merged, problems = merge_assignments(
        {}, ["novalue", "=x", "count=three", "tags=[x]"], SAMPLE_FIELDS
    )
    assert [problem.location for problem in problems] == ["-s", "-s", "count", "tags"]
    assert "a JSON value" in problems[2].expected
    assert merged == {}


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".json", '{"name": "Order", "count": 2}'),
        (".yaml", "name: Order\ncount: 2\n"),
        (".yml", "name: Order\ncount: 2\n"),
        (".toml", 'name = "Order"\ncount = 2\n'),
    ],
)
def test_context_files_by_extension(tmp_path, suffix, text):
    path = tmp_path / f"context{suffix}"
    path.write_text(text)
    assert load_context(str(path), io.StringIO()) == {"name": "Order", "count": 2}


@pytest.mark.parametrize(
    "text",
    ['{"name": "Order", "count": 2}', 'name = "Order"\ncount = 2\n', "name: Order\ncount: 2"],
)
def test_stdin_in_any_format(text):
    assert load_context("-", io.StringIO(text)) == {"name": "Order", "count": 2}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("c.json", "{broken", "not valid JSON"),
        ("c.toml", "= x", "not valid TOML"),
        ("c.yaml", "a: [", "not valid YAML"),
        ("c.json", "[1, 2]", "a mapping of field names to values"),
    ],
)
def test_bad_context_files(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InvalidInput, match=expected) as caught:
        load_context(str(path), io.StringIO())
    assert caught.value.exit_code == 2
    assert str(path) in str(caught.value)


def test_missing_context_file(tmp_path):
    with pytest.raises(InvalidInput, match="cannot read the file"):
        load_context(str(tmp_path / "absent.json"), io.StringIO())


def test_unparseable_stdin_reports_every_format_tried():
    with pytest.raises(InvalidInput) as caught:
        load_context("-", io.StringIO("{a: [}"))
    message = str(caught.value)
    assert "standard input" in message
    for format_name in ("JSON", "TOML", "YAML"):
        assert f"not valid {format_name}" in message
