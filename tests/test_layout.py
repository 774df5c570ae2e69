"""Long generated lines are split exactly as ``ruff format`` splits them (ruff is the oracle)."""

import ast
import random
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_core.hooks.builtin_layout import split_long_lines

RUFF = str(Path(sys.executable).with_name("ruff"))
ATOMS = ["1", "x", '"abc"', "None", "foo.bar", "-2", "3.5", '"' + "s" * 30 + '"']
TYPES = ["int", "str", "list[int]", "dict[str, int]"]


def assert_ruff_formatted(*paths: str) -> None:
    """``ruff format`` (its defaults: line length 88) would change none of ``paths``."""
    result = subprocess.run(
        [RUFF, "format", "--isolated", "--diff", *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[:3000]


def expression(rng: random.Random, depth: int = 0) -> str:  # noqa: PLR0911
    """A random value or type expression, as ``ast.unparse`` writes one (no trailing comma).

    A statement holds one long expression; a line with two (a long annotation and a long
    default) takes the formatter's optional-parentheses rules, which are not reproduced.
    """
    if depth > 3 or rng.random() < 0.35:
        return rng.choice(ATOMS)
    count = rng.randint(1, 8)
    items = [expression(rng, depth + 1) for _ in range(count)]
    kind = rng.choice(["list", "tuple", "dict", "call", "subscript", "set"])
    if kind == "list":
        return f"[{', '.join(items)}]"
    if kind == "set":
        return f"{{{', '.join(items)}}}"
    if kind == "tuple":
        return f"({', '.join(items)}{',' if count == 1 else ''})"
    if kind == "dict":
        return "{" + ", ".join(f'"k{i}": {v}' for i, v in enumerate(items)) + "}"
    if kind == "call":
        return f"{rng.choice(['f', 'Decimal', 'obj.meth'])}({', '.join(items)})"
    return f"{rng.choice(['dict', 'tuple', 'Callable'])}[{', '.join(rng.choices(TYPES, k=count))}]"


def statement(rng: random.Random) -> str:
    value = expression(rng)
    return rng.choice(
        [
            f"X = {value}\n",
            f"class A:\n    x: int = {value}\n",
            f"class A:\n    x: {value}\n",
            f"class A:\n    x: int = Field(\n        default={value},\n        gt=0,\n    )\n",
            f"def f(\n    a: int = {value},\n) -> None:\n    pass\n",
        ]
    )


UNIONS = [
    "int | None",
    "int | str | None",
    'Literal["a", "b"] | None',
    "dict[str, list[int]] | int",
]
DEFAULTS = ["", " = None", ' = "abc"', " = 5", ' = "' + "z" * 30 + '"', " = Field(default=None)"]


def named(rng: random.Random) -> str:
    """A long name with a union or plain annotation, as a class field or as a parameter."""
    name = "n" * rng.randint(50, 100)
    annotation = rng.choice([*UNIONS, "int"])
    default = rng.choice(DEFAULTS)
    if rng.random() < 0.5:
        return f"class A:\n    {name}: {annotation}{default}\n"
    default = default if default and "Field" not in default else " = None"
    return f"def f(\n    self,\n    {name}: {annotation}{default},\n) -> None:\n    pass\n"


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> list[Path]:
    """300 statements with random long values and 300 with long names, laid out, one file each.

    Each laid-out file must mean what its source meant (the same syntax tree).
    """
    folder = tmp_path_factory.mktemp("layout")
    rng = random.Random(20261129)
    paths = []
    for index in range(600):
        source = statement(rng) if index < 300 else named(rng)
        laid_out = split_long_lines(source)
        assert ast.dump(ast.parse(laid_out)) == ast.dump(ast.parse(source)), laid_out
        path = folder / f"case_{index}.py"
        path.write_text(laid_out, encoding="utf-8")
        paths.append(path)
    return paths


def test_laid_out_lines_are_what_ruff_format_writes(cases):
    assert_ruff_formatted(*map(str, cases))


def test_some_cases_needed_splitting(cases):
    assert sum(path.read_text().count("\n") > 6 for path in cases[:300]) > 50
    names = [path.read_text() for path in cases[300:]]
    assert sum(text.count(": (\n") for text in names) > 20  # a union annotation in parentheses
    assert sum(text.count("\n    | ") for text in names) > 20  # a parameter split at its union
    assert sum(text.count(" = (\n") for text in names) > 5  # a value in parentheses


def test_a_keyword_argument_is_not_taken_for_an_assignment():
    line = '        default="' + "z" * 90 + '",'
    assert split_long_lines(line) == line


@pytest.mark.parametrize(
    "source",
    [
        'x = 1\n"""A docstring line with [brackets] ' + "y" * 90 + '"""\n',
        "s = '" + "[" * 100 + "'\n",
        "def f(:\n",
    ],
)
def test_strings_and_broken_source_are_left_alone(source):
    assert split_long_lines(source) == source


def test_a_subscript_keeps_its_one_element_without_a_comma():
    line = "    a: dict[" + ", ".join(["list[tuple[int, int, int]]"] * 4) + "]"
    assert split_long_lines(line).splitlines() == [
        "    a: dict[",
        "        list[tuple[int, int, int]],",
        "        list[tuple[int, int, int]],",
        "        list[tuple[int, int, int]],",
        "        list[tuple[int, int, int]],",
        "    ]",
    ]


@pytest.mark.parametrize("length", [70, 79, 85, 122])
@pytest.mark.parametrize("annotation", ["list[str]", "dict[str, list[tuple[int, int, int, int]]]"])
def test_long_names_are_laid_out_as_ruff_does(tmp_path, length, annotation):
    name = "a" * length
    source = (
        "class A:\n"
        f"    {name}: {annotation}\n"
        f"    b{name}: {annotation} = Field(\n"
        "        default=None,\n"
        "    )\n"
    )
    path = tmp_path / "case.py"
    path.write_text(split_long_lines(source), encoding="utf-8")
    assert_ruff_formatted(str(path))


def test_a_value_without_brackets_goes_in_parentheses_when_the_annotation_has_them(tmp_path):
    long_name = "T_LIMIT" * 12
    source = (
        f"class A:\n    LIMIT: Final[int] = {'100' * 30}\n    PLAIN = {'7' * 90}\n"
        f"    {long_name}: Final[int] = 100\n"
    )
    laid_out = split_long_lines(source)
    assert laid_out.splitlines()[1] == "    LIMIT: Final[int] = ("
    path = tmp_path / "case.py"
    path.write_text(laid_out, encoding="utf-8")
    assert_ruff_formatted(str(path))
