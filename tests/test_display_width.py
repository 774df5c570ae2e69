"""Lines are measured in ruff format's columns, not in characters.

ruff format counts a character as the ``unicode-width`` crate does: East Asian wide and
fullwidth characters take 2 columns, combining and format characters 0. The formatters
(``python_literal``, ``python_call``, ``pd.field``, ``pd.model_config``) lay lines out by
``display_width``, so text in CJK, with accents or astral characters comes out as ruff
writes it; a tester and the fuzzer found the four cases the CLI tests replay.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaffold_core.cli import main
from scaffold_core.render.filters import display_width, python_call, python_literal
from scaffold_core.render.python_source import field, model_config
from scaffold_schemas import python_string

RUFF = str(Path(sys.executable).with_name("ruff"))
ALPHABET = (
    "a",
    " ",
    "é",
    "漢",  # CJK, wide
    "한",  # Hangul syllable, wide
    "\uff21",  # fullwidth A, wide
    "ｱ",  # halfwidth katakana, narrow
    "\u0301",  # combining acute accent, zero
    "\u20dd",  # combining enclosing circle, zero
    "\u200b",  # zero width space (a format character), zero
    "😀",  # astral emoji, wide
    "\U00020000",  # CJK extension B (plane 2), wide
    "\U0001d400",  # astral mathematical bold A, narrow
    "\U000e0100",  # astral variation selector, zero
)
TEXTS = st.text(st.sampled_from(ALPHABET), max_size=60)


def ruff_format(source: str) -> str:
    formatted = subprocess.run(
        [RUFF, "format", "--isolated", "-"], input=source, capture_output=True, text=True
    )
    assert formatted.returncode == 0, formatted.stderr
    return formatted.stdout


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("ascii line", 10),
        ("漢字", 4),
        ("\uff21\uff22", 4),  # fullwidth A and B
        ("ｱｲ", 2),
        ("e\u0301", 1),
        ("a\u200bb", 2),
        ("😀x", 3),
        ("\U00020000", 2),
        ("\x90\x7f", 0),
    ],
)
def test_display_width_counts_columns_as_ruff_does(text, width):
    assert display_width(text) == width


def test_an_empty_container_stays_closed_on_a_line_too_long_for_it():
    key = "k" * 90
    assert python_literal({key: {}, "l": []}, 0, 0) == f'{{\n    "{key}": {{}},\n    "l": [],\n}}'


LEAVES = st.one_of(TEXTS, st.just({}), st.just([]))
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.dictionaries(TEXTS, inner, max_size=3) | st.lists(inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=30, deadline=None)
@given(
    examples=st.lists(st.dictionaries(TEXTS, VALUES, min_size=1, max_size=3), max_size=3),
    calls=st.lists(st.lists(TEXTS, min_size=1, max_size=4), max_size=3),
    fields=st.lists(st.tuples(st.none() | TEXTS, st.none() | TEXTS), max_size=4),
)
def test_layouts_of_wide_and_zero_width_text_are_kept_by_ruff_format(examples, calls, fields):
    body = [
        field(
            {
                "name": f"f{number}",
                "type": "str",
                "default": None if default is None else python_string(default),
                "description": description,
            }
        )
        for number, (default, description) in enumerate(fields)
    ]
    config = model_config([], examples)
    model = "class M:\n" + "\n".join([*body, config] if config else [*body, "    pass"])
    statements = [python_call("call", [python_string(text) for text in row]) for row in calls]
    source = "\n\n\n".join([model, *statements[:1]]) + "".join(
        f"\n{statement}" for statement in statements[1:]
    )
    source += "\n"
    assert ruff_format(source) == source


K = "漢"
FUZZED_KEYS = json.loads(
    r'["\uda8b\udf58\n\u00d0H\u00cd\"?\ud8b1\udfdf\u00ba\u00a1F\u00c8\u0018V\ud806\ude89'
    r'\ud9d3\udd83I\u00ea>\ud8a4\udead.\u00b0\u00df\u00ba", "\ud8e5\uddb5\ud930\udeb5'
    r'\u00cb\u00de\u00d6\u0090"]'
)
REPRODUCTIONS = {
    "wide default": {
        "name": "M",
        "fields": [
            {"name": "f", "type": "str", "default": json.dumps(K * 30, ensure_ascii=False)}
        ],
    },
    "wide description": {
        "name": "M",
        "fields": [{"name": "f", "type": "str", "description": K * 28}],
    },
    "wide example key": {
        "name": "M",
        "fields": [{"name": "o", "type": "Decimal"}],
        "examples": [{K * 24: {}}],
    },
    "fuzzed astral keys": {
        "fields": [{"name": "o", "type": "Decimal"}],
        "name": "W",
        "examples": [{key: {} for key in FUZZED_KEYS}],
    },
}


@pytest.mark.parametrize("context", REPRODUCTIONS.values(), ids=REPRODUCTIONS)
def test_a_dto_of_wide_text_is_written_as_ruff_formats_it(project, monkeypatch, context):
    monkeypatch.chdir(project)
    (project / "c.json").write_text(json.dumps(context), encoding="utf-8")
    assert main(["new", "dto", "--context", "c.json", "-o", "m.py"]) == 0
    checked = subprocess.run(
        [RUFF, "format", "--isolated", "--diff", "m.py"], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout
    written = (project / "m.py").read_text(encoding="utf-8")
    assert re.search(r"[{\[]\n\s*[}\]]", written) is None  # no empty container opened
