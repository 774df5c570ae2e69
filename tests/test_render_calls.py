"""Calls in templates: the environment calls plain callables directly, as Jinja would."""

from pathlib import Path

import jinja2
import pytest

from scaffold_core.errors import TemplateFailed
from scaffold_core.hooks import PluginHooks
from scaffold_core.render import TemplateEnvironment


def _render(tmp_path: Path, source: str, **variables: object) -> str:
    (tmp_path / "t.jinja2").write_text(source, encoding="utf-8")
    environment = TemplateEnvironment(PluginHooks(entries=[]), shared_library=tmp_path)
    environment.jinja.globals.update(variables)
    return environment.render("t.jinja2", {})


@jinja2.pass_context
def _context_name(context: jinja2.runtime.Context, suffix: str) -> str:
    return str(context["name"]) + suffix


@jinja2.pass_environment
def _environment_kind(environment: jinja2.Environment) -> str:
    return type(environment).__name__


class _Named:
    @jinja2.pass_context
    def greet(self, context: jinja2.runtime.Context) -> str:
        return "hi " + str(context["name"])


class _CallableWithContext:
    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context) -> str:
        return "called " + str(context["name"])


def _exhausted() -> str:
    raise StopIteration


def _failing(text: str) -> str:
    raise ValueError(text)


def test_marked_callables_still_get_their_argument(tmp_path: Path) -> None:
    source = (
        "{% set name = 'n' %}{{ f('!') }} {{ e() }} {{ o.greet() }} {{ c() }}"
        "{% set items = [] %}{% do items.append(1) %}{{ items }}"
        "{% macro m(x) %}<{{ x }}>{% endmacro %} {{ m(2) }} {{ len('abc') }}"
    )
    rendered = _render(
        tmp_path,
        source,
        f=_context_name,
        e=_environment_kind,
        o=_Named(),
        c=_CallableWithContext(),
        len=len,
    )
    assert rendered == "n! Environment hi n called n[1] <2> 3"


def test_a_callable_raising_stop_iteration_is_undefined(tmp_path: Path) -> None:
    with pytest.raises(TemplateFailed, match="StopIteration"):
        _render(tmp_path, "{{ f() }}", f=_exhausted)


def test_an_error_in_a_called_function_names_the_template_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateFailed, match=r"t\.jinja2, line 2: ValueError: boom"):
        _render(tmp_path, "\n{{ f('boom') }}", f=_failing)


@pytest.mark.parametrize(
    "source",
    [
        "{% for name in ['a', 'b'] %}{{ f(loop.index ~ '') }}{% endfor %}",
        "{% set name = 'y' %}{% for i in [1] %}{% set name = 'z' %}{{ f('') }}{% endfor %}",
        "{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{{ f('?') }}{% endcall %}",
    ],
)
def test_context_functions_see_what_jinja_gives_them(tmp_path: Path, source: str) -> None:
    plain = jinja2.Environment(extensions=["jinja2.ext.do"], autoescape=False)
    expected = plain.from_string(source).render(f=_context_name, name="x")
    assert _render(tmp_path, source, f=_context_name, name="x") == expected


def test_globals_are_read_at_each_rendering_template_ones_first(tmp_path: Path) -> None:
    (tmp_path / "t.jinja2").write_text("{{ a }} {{ b }}", encoding="utf-8")
    environment = TemplateEnvironment(PluginHooks(entries=[]), shared_library=tmp_path)
    environment.jinja.globals.update(a="env", b="env")
    assert environment.render("t.jinja2", {}) == "env env"
    environment.jinja.globals["a"] = "later"
    assert environment.render("t.jinja2", {}) == "later env"
    template = environment.jinja.get_template("t.jinja2")
    template.globals["b"] = "own"
    assert environment.render("t.jinja2", {"a": "given"}) == "given own"
