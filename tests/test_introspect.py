"""What a template chain reads (``introspect``) and how defensive it is (``template_stats``)."""

from pathlib import Path

import jinja2
import pytest

from scaffold_core import ArtifactManager
from scaffold_core.render.introspect import TemplateVariable, TemplateVariables, introspect
from scaffold_core.render.stats import template_stats

LIFECYCLE = ("output_path", "scaffold_created", "template_id", "version_hash")


def dict_env(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates))


def inspect_one(source: str) -> TemplateVariables:
    return introspect(dict_env({"t": source}), "t")


def names(result: TemplateVariables) -> set[str]:
    return {variable.name for variable in result.variables}


def by_name(result: TemplateVariables) -> dict[str, TemplateVariable]:
    return {variable.name: variable for variable in result.variables}


# --- optional: guarded reads ------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ x | default('none') }}",
        "{{ x|default(0) }}",
        "{{ x | d(none) }}",
        "{{ x | d([]) | upper }}",
        "{{ x | default('a', true) }}",
        "{{ x | default(false) }}{{ x | d('-') }}",
    ],
)
def test_default_filter_makes_optional(source) -> None:
    result = inspect_one(source)
    assert result.optional == ("x",)
    assert result.required == ()


@pytest.mark.parametrize(
    "source",
    [
        "{% if x is defined %}{{ x }}{% endif %}",
        "{% if x is not defined %}-{% else %}{{ x }}{% endif %}",
        "{% if x is undefined %}-{% else %}{{ x }}{% endif %}",
        "{% if x is none %}-{% else %}{{ x }}{% endif %}",
        "{% if x is not none %}{{ x }}{% endif %}",
        "{{ x if x is defined else '' }}",
        "{{ x or 'y' }}",
        "{{ x.name or 'y' }}",
        "{{ (x | upper) or '' }}",
        "{{ x | default('') or 'y' }}",
    ],
)
def test_guarding_tests_make_optional(source) -> None:
    result = inspect_one(source)
    assert result.optional == ("x",)
    assert result.required == ()


@pytest.mark.parametrize(
    "source",
    [
        "{% if x %}a{{ x }}b{% endif %}",
        "{{ x if x else '' }}",
        "{{ 'y' if x }}",
        "{% if not x %}-{% else %}{{ x }}{% endif %}",
        "{% if x and other %}{{ x }}{% endif %}",
        "{% if x %}{% for item in x %}{{ item }}{% endfor %}{% endif %}",
    ],
)
def test_reads_inside_a_test_of_the_same_name_are_optional(source) -> None:
    result = inspect_one(source)
    assert "x" in result.optional
    assert result.required == ()


def test_if_guards_only_the_names_it_tests() -> None:
    result = inspect_one("{% if x %}{{ x }}{{ y }}{% endif %}")
    assert result.optional == ("x",)
    assert result.required == ("y",)


def test_else_branch_of_another_test_is_not_guarded() -> None:
    result = inspect_one("{% if a %}-{% elif b %}{{ b }}{% else %}{{ c }}{% endif %}")
    assert result.optional == ("a", "b")
    assert result.required == ("c",)


def test_default_argument_is_itself_a_read() -> None:
    result = inspect_one("{{ x | default(fallback) }}")
    assert result.optional == ("x",)
    assert result.required == ("fallback",)


@pytest.mark.parametrize(
    "source",
    [
        "{{ x | default('') }}",
        "{{ x|default }}",
        "{{ x | d('', true) | upper }}",
        "{% set y = x | default('') %}{{ y }}",
        "{% set y = x | d('') %}{% if y.startswith('a') %}-{% endif %}",
        "{% if x | default('') == 'a' %}-{% endif %}{{ x | d }}",
        # Iterated where the empty text still gives an item, or handed on untested.
        "{% for p in (x | default('')).split(',') %}[{{ p }}]{% endfor %}",
        "{% for p in ('#' ~ x | default('')).splitlines() %}{{ p }}{% endfor %}",
        "{% macro m(t) %}<{{ t }}>{% endmacro %}{{ m(x | default('')) }}",
        "{% macro m(a, t) %}{% if a %}<{{ t }}>{% endif %}{% endmacro %}{{ m(1, x | d) }}",
        "{% macro m(t) %}{% if t %}-{% endif %}{% endmacro %}{{ m('#' ~ x | d) }}{{ x | d }}",
        (
            "{% macro m(t) %}{% if t %}{% endif %}{% endmacro %}"
            "{% macro n(t) %}{{ t }}{% endmacro %}{{ n(x | d) }}"
        ),
    ],
)
def test_an_empty_default_never_tested_leaves_a_hole_so_required(source) -> None:
    assert inspect_one(source).required == ("x",)


@pytest.mark.parametrize(
    "source",
    [
        "{% if x %}{{ x }}{% endif %}{{ x | default('') }}",
        "{{ x | d }}{% if x is defined %}-{% endif %}",
        "{% if not (x | default('') | trim) %}-{% endif %}{{ x | d }}",
        "{% set y = x | default('') %}{% if y %}({{ y }}){% endif %}",
        "{{ x | default('') or 'none' }}",
        "{% if a and x.b %}{{ x | d }}{% endif %}",
        # Iterated: an empty text gives nothing to iterate, so nothing is left out.
        "{% for line in (x | default('', true) | trim).splitlines() %}{{ line }}{% endfor %}",
        "{% for word in (x | d).split() %}{{ word }}{% endfor %}",
        "{% for c in x | default('') %}{{ c }}{% endfor %}",
        # Handed to a macro of the template that tests that parameter (by place or name).
        (
            "{% macro s(h, t) %}{% if t %}## {{ h }} {{ t }}{% endif %}{% endmacro %}"
            "{{ s('Purpose', x | default('', true) | trim) }}"
        ),
        "{% macro s(h, t) %}{{ h if t else '' }}{% endmacro %}{{ s(h='a', t=x | d) }}",
    ],
)
def test_an_empty_default_on_a_tested_variable_is_optional(source) -> None:
    assert "x" in inspect_one(source).optional


def test_or_guards_its_left_operand_only() -> None:
    result = inspect_one("{{ x or y }}{{ a or b or 'c' }}{% if p or q %}{{ p }}{{ q }}{% endif %}")
    assert result.optional == ("a", "b", "p", "q", "x")
    assert result.required == ("y",)


@pytest.mark.parametrize(
    "source",
    [
        "{% for a in items | default([]) %}{{ sep }}{% endfor %}",
        "{% if items %}{% for a in items %}{{ a }}{{ sep }}{% endfor %}{% endif %}",
        "{% set xs = items | default([]) %}{% for a in xs %}{{ sep }}{% endfor %}",
        "{% for a in items | d([]) %}{% for b in a.children %}{{ sep }}{% endfor %}{% endfor %}",
        "{% for a in items | d([]) if a.on %}{{ sep }}{% endfor %}",
        "{% for a in items | d([]) %}{{ sep }}{% endfor %}{% for b in sep | d([]) %}{% endfor %}",
    ],
)
def test_read_only_inside_a_loop_over_an_optional_list_is_optional(source) -> None:
    result = inspect_one(source)
    assert {"items", "sep"} <= set(result.optional)
    assert result.required == ()


@pytest.mark.parametrize(
    "source",
    [
        "{% for a in items %}{{ sep }}{% endfor %}",
        "{% for a in items | d([]) %}-{% else %}{{ sep }}{% endfor %}",
        "{% for a in items | d([]) %}{{ sep }}{% endfor %}{{ sep }}",
        "{% for a in (items | d([])) + more %}{{ sep }}{% endfor %}",
        "{% for a in range(3) %}{{ sep }}{% endfor %}",
    ],
)
def test_read_in_a_loop_over_a_required_list_or_outside_is_required(source) -> None:
    assert "sep" in inspect_one(source).required


def test_loops_reach_a_fixed_point() -> None:
    # ``inner`` is optional because ``outer`` is, which it is because ``top`` is.
    result = inspect_one(
        "{% for a in top | d([]) %}{% for b in outer %}{{ inner }}{% endfor %}{% endfor %}"
    )
    assert result.optional == ("inner", "outer", "top")


def test_a_set_reading_its_own_name_reads_the_context() -> None:
    result = inspect_one(
        "{% set items = items | default([], true) %}{% for i in items %}{{ i }}{% endfor %}"
        "{% set count = 1 %}{% set count = count + 1 %}{{ count }}"
        "{% set label = label | default('') %}{{ label }}"
    )
    assert names(result) == {"items", "label"}
    assert result.optional == ("items",)
    assert result.required == ("label",)


def test_a_macro_reads_a_later_top_level_set_as_the_template_own() -> None:
    result = inspect_one("{% macro m() %}{{ sep }}{% endmacro %}{% set sep = ', ' %}{{ m() }}")
    assert result.variables == ()


def test_a_loop_variable_shadows_a_context_name_of_the_same_name() -> None:
    result = inspect_one("{{ item | d(1) }}{% for item in items %}{{ item.x }}{% endfor %}")
    assert result.optional == ("item",)
    assert result.required == ("items",)


# --- required: unguarded reads ----------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ x }}",
        "{{ x | upper }}",
        "{{ x ~ '!' }}",
        "{% for item in x %}{{ item }}{% endfor %}",
        "{% if x %}{{ x }}{% endif %}{{ x }}",
        "{{ x | default('') }}{{ x }}",
        "{{ x }}{% if x is defined %}{{ x }}{% endif %}",
        "{{ other or x }}",
        "{% if other %}{{ x }}{% endif %}{{ other }}",
    ],
)
def test_an_unguarded_read_makes_required(source) -> None:
    result = inspect_one(source)
    assert "x" in result.required
    assert "x" not in result.optional


def test_unguarded_read_anywhere_in_the_chain_wins() -> None:
    env = dict_env(
        {
            "child": "{% extends 'layout' %}{% block body %}{{ footer }}{% endblock %}",
            "layout": "{% block body %}{% endblock %}{{ footer | default('-') }}",
        }
    )
    result = introspect(env, "child")
    assert result.required == ("footer",)
    assert set(by_name(result)["footer"].templates) == {"child", "layout"}


def test_guarded_everywhere_in_the_chain_stays_optional() -> None:
    env = dict_env(
        {
            "child": "{% extends 'layout' %}{% block body %}{{ note | d(1) }}{% endblock %}",
            "layout": "{% block body %}{% endblock %}{% if note %}{{ note }}{% endif %}",
        }
    )
    assert introspect(env, "child").optional == ("note",)


# --- attribute and item reads count for the root name -----------------------------------------


def test_attribute_and_item_reads_count_for_the_root() -> None:
    result = inspect_one(
        "{{ a.b }}{{ c['k'] }}{{ d.e.f }}{{ g.h | default('-') }}{{ i['j'] | d(0) }}{{ k[0].l }}"
    )
    assert result.required == ("a", "c", "d", "k")
    assert result.optional == ("g", "i")
    assert not names(result) & {"b", "e", "f", "h", "j", "l"}


def test_guarded_attribute_read() -> None:
    assert inspect_one("{% if a.b is defined %}{{ a.b }}{% endif %}").optional == ("a",)
    assert inspect_one("{% if a.b %}{{ a.b.c }}{% endif %}").optional == ("a",)


def test_a_guard_over_an_expression_still_reports_its_variables() -> None:
    result = inspect_one("{{ a | upper | default('') }}{{ (b ~ c) | d }}")
    assert {"a", "b", "c"} <= names(result)


# --- names that are not context variables -----------------------------------------------------


def test_loop_variables_are_not_reported() -> None:
    result = inspect_one(
        "{% for item in items %}{{ item }}{{ loop.index }}{% endfor %}"
        "{% for key, value in pairs %}{{ key }}={{ value }}{% endfor %}"
    )
    assert names(result) == {"items", "pairs"}


def test_set_variables_are_not_reported() -> None:
    result = inspect_one(
        "{% set top = 1 %}{{ top }}"
        "{% set block_set %}text{% endset %}{{ block_set }}"
        "{% set one, two = pair %}{{ one }}{{ two }}"
        "{% for item in items %}{% set inner = item %}{{ inner }}{% endfor %}"
        "{% block body %}{% set in_block = 2 %}{{ in_block }}{% endblock %}"
        "{% macro m() %}{% set in_macro = 3 %}{{ in_macro }}{% endmacro %}"
        "{% with scoped = 4 %}{{ scoped }}{% endwith %}"
    )
    assert names(result) == {"pair", "items"}


@pytest.mark.parametrize(
    "source",
    [
        "{% if flag %}{% set nested = 2 %}{{ nested }}{% endif %}",
        "{% if flag %}{% set nested = 1 %}{% else %}{% set nested = 2 %}{% endif %}{{ nested }}",
    ],
    ids=["read-in-branch", "set-in-every-branch"],
)
def test_set_inside_an_if_is_not_reported(source) -> None:
    # ``nested`` is always assigned before it is read: it can never come from the context.
    assert names(inspect_one(source)) == {"flag"}


def test_macro_parameters_are_not_reported() -> None:
    result = inspect_one(
        "{% macro show(p, q=1) %}{{ p }}{{ q }}{{ varargs }}{{ outer }}{% endmacro %}"
        "{{ show(arg) }}"
    )
    assert names(result) == {"arg", "outer"}
    assert result.required == ("arg", "outer")


def test_imported_names_are_not_reported() -> None:
    env = dict_env(
        {
            "t": "{% import 'lib' as m %}{% from 'lib' import f, g as h %}"
            "{{ m.f(a) }}{{ f(b) }}{{ h(c) }}",
            "lib": "{% macro f(v) %}{{ v }}{% endmacro %}{% macro g(v) %}{{ v }}{% endmacro %}",
        }
    )
    result = introspect(env, "t")
    assert names(result) == {"a", "b", "c"}


def test_environment_globals_are_not_reported() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ helper() }}{{ version }}"}))
    env.globals["helper"] = lambda: "h"
    result = introspect(env, "t")
    assert names(result) == {"version"}
    builtin = inspect_one(
        "{% for i in range(3) %}{{ i }}{% endfor %}{{ dict(a=1) }}{{ lipsum() }}{{ cycler }}"
    )
    assert builtin.variables == ()


def test_child_top_level_set_used_in_a_block_is_not_reported() -> None:
    env = dict_env(
        {
            "child": "{% extends 'layout' %}{% set label = name | upper %}"
            "{% import 'lib' as m %}"
            "{% block body %}{{ label }}{{ m.f() }}{% endblock %}",
            "layout": "{% block body %}{% endblock %}",
            "lib": "{% macro f() %}f{% endmacro %}",
        }
    )
    result = introspect(env, "child")
    assert names(result) == {"name"}


def test_top_level_set_in_an_imported_template_does_not_hide_a_context_read() -> None:
    # ``sep`` is set inside 'lib' only; importing or including it does not define it here.
    env = dict_env(
        {
            "import": "{% import 'lib' as m %}{{ m.f() }}{{ sep }}",
            "include": "{% include 'lib' %}{{ sep }}",
            "lib": "{% set sep = ', ' %}{% macro f() %}{{ sep }}{% endmacro %}",
        }
    )
    for name in ("import", "include"):
        assert introspect(env, name).required == ("sep",), name


# --- the chain: extends, include, import ------------------------------------------------------

CHAIN = {
    "page": "{% extends 'layout' %}{% from 'macros' import field %}"
    "{% block body %}{{ field(first) }}{{ heading }}{% endblock %}",
    "layout": "{{ title }}{% block body %}{% endblock %}{% include 'partial' %}"
    "{{ footer | default('-') }}{{ output_path }}",
    "partial": "{{ note }}{% if extra %}{{ extra }}{% endif %}{{ scaffold_created }}",
    "macros": "{% macro field(f) %}{{ f.name }}: {{ f.type }}{{ style }}{% endmacro %}",
}


def test_chain_is_followed_through_extends_include_and_import() -> None:
    result = introspect(dict_env(CHAIN), "page")
    assert result.template == "page"
    assert set(result.chain) == {"page", "layout", "macros", "partial"}
    assert result.chain[0] == "page"
    assert result.required == ("first", "heading", "note", "style", "title")
    assert result.optional == ("extra", "footer")
    found = {variable.name: variable.templates for variable in result.variables}
    assert found == {
        "extra": ("partial",),
        "first": ("page",),
        "footer": ("layout",),
        "heading": ("page",),
        "note": ("partial",),
        "style": ("macros",),
        "title": ("layout",),
    }


def test_lifecycle_names_are_system_not_variables() -> None:
    result = introspect(dict_env(CHAIN), "page")
    assert result.system == ("output_path", "scaffold_created")
    assert not names(result) & set(LIFECYCLE)
    every = inspect_one("".join(f"{{{{ {name} }}}}" for name in reversed(LIFECYCLE)) + "{{ n }}")
    assert every.system == LIFECYCLE
    assert every.required == ("n",)


def test_required_and_optional_are_sorted_tuples() -> None:
    result = inspect_one("{{ zeta }}{{ alpha }}{{ mid | d(1) }}{{ beta | d(2) }}{{ gamma }}")
    assert result.required == ("alpha", "gamma", "zeta")
    assert result.optional == ("beta", "mid")
    assert isinstance(result.required, tuple)
    assert isinstance(result.optional, tuple)
    assert [variable.name for variable in result.variables] == sorted(names(result))


def test_as_json_shape() -> None:
    data = introspect(dict_env(CHAIN), "page").as_json()
    assert list(data) == ["template", "chain", "required", "optional", "system", "variables"]
    assert data["template"] == "page"
    assert isinstance(data["chain"], list)
    assert data["required"] == ["first", "heading", "note", "style", "title"]
    assert data["optional"] == ["extra", "footer"]
    assert data["system"] == ["output_path", "scaffold_created"]
    variables = data["variables"]
    assert isinstance(variables, list)
    assert variables[0] == {"name": "extra", "required": False, "templates": ["partial"]}
    assert all(set(item) == {"name", "required", "templates"} for item in variables)
    assert {item["name"] for item in variables} == {
        "extra",
        "first",
        "footer",
        "heading",
        "note",
        "style",
        "title",
    }


def test_empty_template() -> None:
    result = inspect_one("plain text")
    assert result.variables == ()
    assert result.system == ()
    assert result.chain == ("t",)


# --- template_stats ---------------------------------------------------------------------------


def test_stats_count_default_filters_only() -> None:
    source = (
        "default text {{ default }} {{ a | default('x') }}{{ b|d }}"
        "{# | default #}{{ 'default' }}{{ c | d(1) | default(2) }}{{ e | upper }}"
        "{% set default = 1 %}{{ d }}"
    )
    stats = template_stats(dict_env({"t": source}), "t")
    assert stats.default_filters == 4
    assert stats.chain_default_filters == 4
    assert stats.characters == stats.chain_characters == len(source)


def test_stats_template_alone_versus_its_chain() -> None:
    env = dict_env(CHAIN)
    stats = template_stats(env, "page")
    assert stats.template == "page"
    assert stats.characters == len(CHAIN["page"])
    assert stats.default_filters == 0
    assert stats.chain_characters == sum(len(source) for source in CHAIN.values())
    assert stats.chain_default_filters == 1
    assert stats.as_json() == {
        "template": "page",
        "characters": stats.characters,
        "default_filters": 0,
        "chain_characters": stats.chain_characters,
        "chain_default_filters": 1,
    }


def test_stats_with_no_filters() -> None:
    stats = template_stats(dict_env({"t": "x"}), "t")
    assert (stats.characters, stats.default_filters) == (1, 0)


# --- the installed plugins: v1 is defensive, v2 reads what its RenderContext has --------------


@pytest.fixture
def installed(tmp_path: Path) -> ArtifactManager:
    return ArtifactManager(tmp_path)


@pytest.mark.parametrize(
    ("artifact_id", "required"), [("dto", ("name",)), ("worker", ("layer", "name"))]
)
def test_legacy_template_requires_only_what_it_renders_as_a_hole(
    installed, artifact_id, required
) -> None:
    # Every read is defended, but ``name | default('')`` (and ``layer``) is never tested:
    # without it the class statement is broken, so it is required, as the Context says.
    artifact = installed.artifact(artifact_id)
    assert artifact.legacy_template_name is not None
    result = introspect(installed.legacy_environment.jinja, artifact.legacy_template_name)
    assert result.required == required
    assert set(required) <= set(artifact.required_fields())
    assert {"description", "imports" if artifact_id == "dto" else "scope"} <= set(result.optional)


@pytest.mark.parametrize("artifact_id", ["dto", "worker"])
def test_v2_template_reads_only_render_context_fields(installed, artifact_id) -> None:
    artifact = installed.artifact(artifact_id)
    result = introspect(installed.environment.jinja, artifact.template_name)
    render_class = artifact.render_context_class
    known = set(render_class.model_fields) | set(render_class.model_computed_fields)
    assert result.variables
    assert result.required
    assert names(result) <= known, names(result) - known
    assert set(result.system) <= known


@pytest.mark.parametrize("artifact_id", ["dto", "worker"])
def test_v2_template_has_no_defaults_but_v1_has(installed, artifact_id) -> None:
    artifact = installed.artifact(artifact_id)
    assert artifact.legacy_template_name is not None
    v2 = template_stats(installed.environment.jinja, artifact.template_name)
    v1 = template_stats(installed.legacy_environment.jinja, artifact.legacy_template_name)
    assert v2.chain_default_filters == 0
    assert v2.default_filters == 0
    assert v1.default_filters > 0
    assert v2.chain_characters >= v2.characters
