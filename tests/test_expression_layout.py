"""A user's Python expression is written as ruff format writes it, or refused when it cannot be.

A tester found defaults written as ``ast.unparse`` leaves them (``b'x'``, ``f'{1}'``,
``u'x'``, ``1 .real``: ruff format rewrites each), an assignment expression accepted that
breaks the generated class on import, and an int literal too long to write back refused
with Python's own text. Each reproduction goes through ``scaffold new dto``; the property
covers string prefixes, quotes and contents.
"""

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from scaffold_core.cli import main
from scaffold_schemas import PythonExpression

RUFF = str(Path(sys.executable).with_name("ruff"))
EXPRESSION: TypeAdapter[str] = TypeAdapter(PythonExpression)


def _new_dto(project: Path, default: str) -> int:
    context = {"name": "M", "fields": [{"name": "f", "type": "object", "default": default}]}
    (project / "c.json").write_text(json.dumps(context), encoding="utf-8")
    return main(["new", "dto", "--context", "c.json", "-o", "m.py"])


def _ruff_formatted(source: str) -> str:
    return subprocess.run(
        [RUFF, "format", "--isolated", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize(
    ("given_value", "written", "value"),
    [
        ("b'x'", 'b"x"', b"x"),
        ("f'{1}'", 'f"{1}"', "1"),
        ('u"x"', '"x"', "x"),
        ("1 .real", "(1).real", 1),
    ],
)
def test_the_reproduction_is_written_as_ruff_writes_it_and_imports(
    project, monkeypatch, given_value, written, value
):
    monkeypatch.chdir(project)
    assert _new_dto(project, given_value) == 0
    source = (project / "m.py").read_text(encoding="utf-8")
    assert f"f: object = Field(default={written})" in source
    assert _ruff_formatted(source) == source
    spec = importlib.util.spec_from_file_location(
        f"expression_layout_{project.name}", project / "m.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.M().f == value


@pytest.mark.parametrize(
    ("given_value", "message"),
    [
        (
            "(x := 1)",
            (
                "fields.0.default: an assignment expression ('x := ...') would bind 'x' in"
                " the generated class or module: give the value without ':='"
            ),
        ),
        (
            "[0, (total := 2) + 1]",
            "fields.0.default: an assignment expression ('total := ...') would bind 'total'",
        ),
        (
            "0x" + "f" * 5000,
            (
                "fields.0.default: an integer literal of more than 4,300 digits cannot be"
                " written back: Python turns no longer int into text"
                " (sys.get_int_max_str_digits()); compute it instead, e.g. '16**5000 - 1'"
            ),
        ),
        (
            "-" + "9" * 4301,
            "fields.0.default: an integer literal of more than 4,300 digits",
        ),
    ],
)
def test_what_cannot_be_written_back_is_refused_and_nothing_written(
    project, monkeypatch, capsys, given_value, message
):
    monkeypatch.chdir(project)
    code = _new_dto(project, given_value)
    stderr = capsys.readouterr().err
    assert code == 2, stderr
    assert message in stderr
    assert "Exceeds the limit" not in stderr
    assert "Traceback" not in stderr
    assert not (project / "m.py").exists()


# Forms around the reproductions: numbers before an attribute, True's attribute, f-strings
# whose fields hold quotes or open with a brace, quotes of both kinds in the text.
MORE_FORMS = [
    "1.5 .real",
    "1e16 .real",
    "1j .real",
    "True .real",
    "2 ** 1 .real",
    "-1 .real",
    "f'{ {1: 2} }'",
    "f'{d[\"k\"]}'",
    "f'''{d['k']}\"'''",
    "f'a\\'b\"c{x}'",
    "f'{x!r:>{x}}'",
    "[b'a', u'b', rb'\\\\d', 'x' 'y', f'{x}' 'y']",
]


def test_more_forms_are_written_as_ruff_writes_them_with_the_same_value():
    written = [EXPRESSION.validate_python(form) for form in MORE_FORMS]
    source = "".join(f"v{number} = {each}\n" for number, each in enumerate(written))
    assert _ruff_formatted(source) == source
    for form, each in zip(MORE_FORMS, written, strict=True):
        # test-made expressions over test-made names: eval is safe here
        assert eval(each, dict(NAMESPACE)) == eval(form, dict(NAMESPACE))


def test_an_int_literal_of_exactly_the_limit_is_written():
    assert EXPRESSION.validate_python("9" * 4300) == "9" * 4300


PREFIXES = ["", "b", "f", "u", "r", "rb", "br", "B", "F", "U", "R", "Rb", "fr", "Rf", "bR"]
# Replacement fields, each with the quote it holds: before Python 3.12 a field may not hold
# its f-string's own quote.
FIELDS = [
    ("{x}", ""),
    ("{x!r}", ""),
    ("{x:>4}", ""),
    ("{x + 1}", ""),
    ("{x=}", ""),
    ("{d['k']}", "'"),
    ('{d["k"]}', '"'),
    ("{ {x: 1} }", ""),
]
NAMESPACE = {"x": 7, "d": {"k": "v"}}


def _escaped(text: str, quote: str, *, raw: bool, fstring: bool) -> str:
    """``text`` as it is written between ``quote``: its own quotes and backslashes escaped."""
    written = []
    for char in text:
        if char in "{}" and fstring:
            written.append(char * 2)
        elif char == "\\":
            written.append("\\\\")  # never in a raw string's text (see string_literals)
        elif char == "\n" and len(quote) == 1:
            written.append("\\n")  # never in a raw string's text either
        elif char == quote[0]:
            written.append("\\" + char)  # a raw string keeps the backslash: still a literal
        else:
            written.append(char)
    return "".join(written)


@st.composite
def string_literals(draw: st.DrawFn) -> str:
    """A string literal: any prefix, any quotes, text with quotes, backslashes and braces."""
    prefix = draw(st.sampled_from(PREFIXES))
    quote = draw(st.sampled_from(["'", '"', "'''", '"""']))
    raw, fstring = "r" in prefix.lower(), "f" in prefix.lower()
    alphabet = "ab '\"\\\n{}\t" + ("" if "b" in prefix.lower() else "é€")
    texts = draw(st.lists(st.text(alphabet, max_size=6), min_size=1, max_size=3))
    if raw:  # a raw string's backslash escapes nothing; one quote cannot span lines
        texts = [
            text.replace("\\", "").replace("\n", "" if len(quote) == 1 else "\n") for text in texts
        ]
    pieces = []
    for number, text in enumerate(texts):
        if number and fstring:
            pieces.append(draw(st.sampled_from([f for f, holds in FIELDS if holds not in quote])))
        pieces.append(_escaped(text, quote, raw=raw, fstring=fstring))
    return f"{prefix}{quote}{''.join(pieces)}{quote}"


@settings(max_examples=60, deadline=None)
@given(st.lists(string_literals(), min_size=1, max_size=12))
def test_a_string_literal_is_written_as_ruff_writes_it_with_the_same_value(literals):
    written = [EXPRESSION.validate_python(literal) for literal in literals]
    source = "".join(f"v{number} = {each}\n" for number, each in enumerate(written))
    assert _ruff_formatted(source) == source
    for literal, each in zip(literals, written, strict=True):
        if literal.lower().lstrip("rbu").startswith("f"):
            # An f-string's value needs its names: test-made, so eval is safe here.
            assert eval(each, dict(NAMESPACE)) == eval(literal, dict(NAMESPACE))
        else:
            assert ast.literal_eval(each) == ast.literal_eval(literal)
