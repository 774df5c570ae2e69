"""The core's output checks: certain defects of generated files are refused, with a line."""

import shlex
from pathlib import Path

import pytest

from scaffold_core import (
    ArtifactManager,
    ArtifactRegistry,
    InvalidInput,
    OutputCheckFailed,
    PluginHooks,
)
from tests.conftest import FIXED_TIME, entry
from tests.installed import run, write_distribution

TROUBLESHOOTING = Path(__file__).resolve().parents[1] / "docs" / "troubleshooting.md"
BACKSTOPS = {
    "duplicate_method": "backstops:DuplicateMethodContext",
    "constant": "backstops:ConstantContext",
}


def python_problems(source: str) -> list[str]:
    return PluginHooks([]).check_output("x", "py", source)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        pytest.param(
            "class W:\n    def __init__(self):\n        pass\n\n"
            "    def __init__(self):\n        pass\n",
            "defines '__init__' twice in class W, first at output line 2"
            " (output line 5: 'def __init__(self):')",
            id="two-methods",
        ),
        pytest.param(
            "class D:\n    x: int\n    y: str\n    x: int\n",
            "defines 'x' twice in class D, first at output line 2 (output line 4: 'x: int')",
            id="two-fields",
        ),
        pytest.param(
            "class D:\n    name = 'a'\n\n    def name(self):\n        pass\n",
            "defines 'name' twice in class D, first at output line 2"
            " (output line 4: 'def name(self):')",
            id="attribute-then-method",
        ),
        pytest.param(
            "def f():\n    pass\n\n\ndef f():\n    pass\n",
            "defines 'f' twice at module level, first at output line 1"
            " (output line 5: 'def f():')",
            id="two-functions",
        ),
        pytest.param(
            "from a import f\n\n\ndef f():\n    pass\n",
            "defines 'f' twice at module level, first at output line 1"
            " (output line 4: 'def f():')",
            id="import-then-function",
        ),
        pytest.param(
            "def outer():\n    class Inner:\n        a = 1\n        a = 2\n",
            "defines 'a' twice in class Inner, first at output line 3 (output line 4: 'a = 2')",
            id="class-in-a-function",
        ),
        pytest.param(
            "class A:\n    pass\n\n\nclass A:\n    pass\n",
            "defines 'A' twice at module level, first at output line 1"
            " (output line 5: 'class A:')",
            id="two-classes",
        ),
        pytest.param(
            "import os\nfrom pathlib import os\n",
            "defines 'os' twice at module level, first at output line 1"
            " (output line 2: 'from pathlib import os')",
            id="two-imports",
        ),
        pytest.param(
            "a, a = 1, 2\n",
            "defines 'a' twice at module level, first at output line 1"
            " (output line 1: 'a, a = 1, 2')",
            id="one-unpacking",
        ),
    ],
)
def test_a_name_defined_twice_in_one_scope_is_a_problem(source, problem):
    assert python_problems(source) == [f"generated Python {problem}"]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "from typing import overload\n\n\n@overload\ndef f(a: int) -> int: ...\n"
            "@overload\ndef f(a: str) -> str: ...\ndef f(a):\n    return a\n",
            id="overloads",
        ),
        pytest.param(
            "class P:\n    @property\n    def x(self):\n        return 1\n\n"
            "    @x.setter\n    def x(self, value):\n        pass\n",
            id="property-setter",
        ),
        pytest.param("x: int\nx = 1\n", id="declared-then-assigned"),
        pytest.param("x = 1\nx = x + 1\n", id="reassigned-from-itself"),
        pytest.param("x = 1\nprint(x)\nx = 2\n", id="read-in-between"),
        pytest.param("import os.path\nimport os\n", id="submodule-then-package"),
        pytest.param(
            "try:\n    import tomllib\nexcept ImportError:\n    tomllib = None\n",
            id="conditional-binding",
        ),
        pytest.param("def f():\n    x = 1\n    x = 2\n    return x\n", id="function-locals"),
        pytest.param("class A:\n    x = 1\n\n\nclass B:\n    x = 1\n", id="one-name-two-classes"),
    ],
)
def test_deliberate_rebinding_is_not_a_problem(source):
    assert python_problems(source) == []


def test_a_nul_character_is_reported_with_its_line_not_raised():
    (problem,) = python_problems('"""Doc."""\n\nVALUE = "a\0b"\n')
    assert problem == (
        "generated Python contains a NUL character (output line 3: 'VALUE = \"a\\x00b\"')"
    )


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("x = 1\nreturn x\n", "does not compile: 'return' outside function (output line 2"),
        ("def f(a, a):\n    pass\n", "does not compile: duplicate argument 'a' in function"),
        ("x = 1\nfrom __future__ import annotations\n", "must occur at the beginning"),
        ("class A:\n    yield 1\n", "'yield' outside function (output line 2: 'yield 1')"),
        ("def broken(:\n", "does not parse: invalid syntax (output line 1: 'def broken(:')"),
    ],
)
def test_python_that_parses_but_cannot_compile_is_a_problem(source, problem):
    (found,) = python_problems(source)
    assert problem in found


@pytest.mark.parametrize(
    "expression",
    [
        pytest.param("1 + " * 100_000 + "1", id="parser-recursion"),
        pytest.param("-" * 10_000 + "1", id="parser-stack-overflow"),
        pytest.param("1 + " * 1_000 + "1", id="compiler-recursion"),
    ],
)
def test_python_too_deep_to_compile_names_the_longest_line(expression):
    (problem,) = python_problems(f"x = 1\ny = {expression}\n")
    assert problem.startswith(
        "generated Python is nested too deeply for Python to compile; longest line"
        f" (output line 2: 'y = {expression[:20]}"
    )
    assert problem.endswith("...')")
    assert len(problem) < 200


@pytest.mark.parametrize("extension", ["py", "md", "txt"])
def test_text_utf8_cannot_encode_is_a_problem_for_every_extension(extension):
    (problem,) = PluginHooks([]).check_output("x", extension, "# T\n\nx = 'a\ud800'\n")
    assert problem.startswith("generated text contains U+D800, which UTF-8 cannot encode")
    assert "(output line 3: " in problem


def test_markdown_problems_name_their_line():
    hooks = PluginHooks([])
    assert hooks.check_output("x", "md", "\n\nIntro\n") == [
        "generated Markdown must open with its '# Title' heading, found 'Intro' (output line 3)"
    ]
    assert hooks.check_output("x", "md", "# T\r\n\r\n## Empty\r\n") == [
        "generated Markdown has an empty section: '## Empty' (output line 3)"
    ]


@pytest.fixture
def backstop_manager(project):
    registry = ArtifactRegistry([entry(name, value) for name, value in BACKSTOPS.items()])
    return ArtifactManager(
        project, registry=registry, hooks=PluginHooks([]), clock=lambda: FIXED_TIME
    )


def test_valid_input_the_template_breaks_is_refused_naming_template_and_line(
    backstop_manager, project
):
    assert backstop_manager.scaffold("duplicate_method", {"method": "run"}).written
    with pytest.raises(OutputCheckFailed) as caught:
        backstop_manager.scaffold("duplicate_method", {"method": "__init__"}, output_path="o.py")
    assert str(caught.value) == (
        "the 'duplicate_method' template (v2) produced invalid output for o.py (nothing"
        " written): a template bug in duplicate_method.py.jinja2, not an input error:"
        " generated Python defines '__init__' twice in class Job, first at output line 7"
        " (output line 10: 'def __init__(self) -> None:')"
    )
    assert not (project / "o.py").exists()


def test_a_nul_character_in_input_is_an_input_error_not_a_crash(backstop_manager, project):
    # BaseContext refuses a NUL in any string; a NUL a template writes itself is the output
    # check's (test_a_nul_character_is_reported_with_its_line_not_raised).
    with pytest.raises(InvalidInput, match=r"value: a NUL character \(U\+0000\)"):
        backstop_manager.scaffold("constant", {"value": "a\0b"})
    assert not (project / "constant.py").exists()


def test_the_documented_plugin_bug_is_what_the_command_prints(project, tmp_path):
    section = TROUBLESHOOTING.read_text().split("## The template produced invalid output")[1]
    session = section.split("```text\n$ ")[1].split("```")[0]
    command, _, expected = session.partition("\n")
    site = tmp_path / "site"
    write_distribution(site, "acme-backstops", "1.0", {"scaffold.artifacts": BACKSTOPS})
    words = shlex.split(command)
    assert words[0] == "scaffold"
    result = run(*words[1:], cwd=project, site=site)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.rstrip("\n") == expected.rstrip("\n")
    assert list(project.iterdir()) == []
