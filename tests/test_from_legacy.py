"""``legacy_plugin_input``: the artifact_plugin input a legacy template implies."""

import keyword
import re
import sys
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from scaffold_core import ArtifactRegistry
from scaffold_core.architecture.distribution import distribution_failures
from scaffold_core.cli import main
from scaffold_core.errors import BadOption, UserError
from scaffold_core.migrate import (
    GIVEN,
    MODEL_DEPTH,
    absent_values,
    legacy_extension,
    legacy_kind,
    legacy_plugin_input,
    legacy_variables,
    without_defaults,
)
from scaffold_schemas import LIFECYCLE_FIELDS, BaseDocumentContext

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
BUNDLED_V1 = sorted(PLUGINS.glob("*/scaffold_artifact_*/templates/*.v1.*.jinja2"))
ENVIRONMENT = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])

ROOT = Path(__file__).resolve().parents[1]


def analyse(tmp_path: Path, source: str, name: str = "t.py.jinja2") -> dict[str, object]:
    template = tmp_path / name
    template.write_text(source, encoding="utf-8")
    return legacy_plugin_input(template)


def fields(tmp_path: Path, source: str) -> dict[str, dict[str, object]]:
    found = analyse(tmp_path, source)["fields"]
    assert isinstance(found, list)
    return {entry["name"]: entry for entry in found}


def verdicts(tmp_path: Path, source: str) -> dict[str, bool]:
    return {name: bool(entry["required"]) for name, entry in fields(tmp_path, source).items()}


def has_default_filter(source: str) -> bool:
    tree = ENVIRONMENT.parse(source)
    return any(node.name in {"default", "d"} for node in tree.find_all(jinja2.nodes.Filter))


# --- required or optional ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ x }}", {"x": True}),
        ("{% if x %}{{ x }}{% endif %}", {"x": False}),
        ("{{ x | default('n/a') }}", {"x": False}),
        ("{{ x | d(0) }}", {"x": False}),
        ("{% if x is defined %}{{ x }}{% endif %}", {"x": False}),
        ("{{ x or 'anonymous' }}", {"x": False}),
        ("{{ x or y }}", {"x": False, "y": True}),
        ("{% for i in xs | default([]) %}{{ sep }}{% endfor %}", {"xs": False, "sep": False}),
        ("{% for i in xs %}{{ sep }}{% endfor %}", {"xs": True, "sep": True}),
        ("{% set v = x | default([], true) %}{{ v | join(',') }}", {"x": False}),
        ("class {{ x | default('') }}:", {"x": True}),
        ("{% if x | default('') %}{{ x }}{% endif %}", {"x": False}),
        # An empty fallback on a never-tested variable is no guard (kept on purpose).
        ("{{ x | default }}", {"x": True}),
        ("{{ x | d('', true) }}", {"x": True}),
        ("{{ x | d }}{{ '-' if x is defined }}", {"x": False}),
        ("{{ x | d }}{{ x or '-' }}", {"x": False}),
        ("{{ x | d('-') }}", {"x": False}),
    ],
)
def test_each_classification_rule(tmp_path, source, expected) -> None:
    assert verdicts(tmp_path, source) == expected


# --- types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kind", "many"),
    [
        ("{% for i in x %}{{ i }}{% endfor %}", "line", True),
        ("{{ x | join(', ') }}", "line", True),
        ("{{ x[0] }}", "line", True),
        ("{{ x | default([]) }}", "line", True),
        ("{{ x - 1 }}", "number", False),
        ("{{ x * 2 }}", "number", False),
        ("{{ 1 + x }}", "number", False),
        ("{% if x > 3 %}-{% endif %}{{ x }}", "number", False),
        ("{% if x == 3 %}-{% endif %}", "number", False),
        ("{{ x | default(1) * 2 }}", "integer", False),
        ("{{ x | round }}", "number", False),
        ("{% if x %}yes{% endif %}", "boolean", False),
        ("{{ 'a' if not x else 'b' }}", "boolean", False),
        ("{{ x | default('a') }}", "line", False),
        ("{{ x | default(3) }}", "integer", False),
        ("{{ x | default(0.5) }}", "number", False),
        ("{{ x | default(false) }}", "boolean", False),
        ("{{ x | wordwrap(72) }}", "text", False),
        ("{% for l in x.splitlines() %}{{ l }}{% endfor %}", "text", False),
        ("{% if x.startswith('a') %}-{% endif %}{{ x }}", "line", False),
        ("{% if x == 'a' %}-{% endif %}", "line", False),
        ("{{ x ~ '!' }}", "line", False),
    ],
)
def test_each_type_rule(tmp_path, source, kind, many) -> None:
    entry = fields(tmp_path, source)["x"]
    assert (entry["type"], entry["many"]) == (kind, many)


def document_types(tmp_path: Path, source: str, examples: object = None) -> dict[str, str]:
    template = tmp_path / "d.v1.md.jinja2"
    template.write_text(source, encoding="utf-8")
    found = legacy_plugin_input(template, examples)["fields"]
    assert isinstance(found, list)
    return {entry["name"]: entry["type"] for entry in _flat(found)}


def _flat(entries: list[dict[str, object]], prefix: str = "") -> list[dict[str, object]]:
    flat: list[dict[str, object]] = []
    for entry in entries:
        flat.append({**entry, "name": prefix + str(entry["name"])})
        inner = entry.get("fields")
        if isinstance(inner, list):
            flat += _flat(inner, f"{prefix}{entry['name']}.")
    return flat


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        # A paragraph of a Markdown document: several lines may stand there.
        ("{{ x }}\n", "text"),
        ("Intro\n\n{{ x | trim }}\n", "text"),
        # Where Markdown holds one line.
        ("# {{ x }}\n", "line"),
        ("### Step: {{ x }}\n", "line"),
        ("- {{ x }}\n", "line"),
        ("1. {{ x }}\n", "line"),
        ("| a | {{ x }} |\n", "line"),
        ("See [{{ x }}](a.md)\n", "line"),
        ("See [a]({{ x }})\n", "line"),
        ("Run `{{ x }}` first\n", "line"),
        ("{% for i in xs %}\n- {{ i }} and {{ x }}\n{% endfor %}", "line"),
        ("{{ '### ' ~ x }}\n", "line"),
        ("{{ x }}\n\n## {{ x }}\n", "line"),
        ("{{ 'Source: ' ~ x }}\n", "text"),
    ],
)
def test_a_document_string_is_text_unless_printed_where_markdown_holds_one_line(
    tmp_path, source, kind
) -> None:
    assert document_types(tmp_path, source)["x"] == kind


def test_document_positions_reach_model_attributes(tmp_path) -> None:
    found = document_types(
        tmp_path,
        "{% for c in cs %}\n### {{ c.name }}\n\n{{ c.description | trim }}\n{% endfor %}",
    )
    assert (found["cs.name"], found["cs.description"]) == ("line", "text")


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ('"""{{ x }}"""\n', "line"),
        ('"""Summary.\n\n{{ x }}\n"""\n', "text"),
        ('def f():\n    """{{ y }}\n\n    {{ x }}\n    """\n', "text"),
        ('"""Summary: {{ x }}\n"""\n', "line"),
        ('"""Done."""\n{{ x }}\n', "line"),
        ("{{ x | indent(4) }}", "text"),
    ],
)
def test_a_code_string_is_a_line_unless_it_stands_in_a_docstring_block(
    tmp_path, source, kind
) -> None:
    assert fields(tmp_path, source)["x"]["type"] == kind


@pytest.mark.parametrize(
    ("source", "values", "kind"),
    [
        # Only printed: the examples tell the type.
        ("{{ x }}", [1, 2], "integer"),
        # A number the template shows; the examples tell an integer.
        ("{% if x > 1 %}s{% endif %}{{ x }}", [1, 2], "integer"),
        ("{% if x > 1 %}s{% endif %}{{ x }}", [1, 2.5], "number"),
        ("{{ x }}", [1, 2.5], "number"),
        ("{{ x }}", [True], "boolean"),
        ("{{ x | default('') }}{% if x %}{% endif %}", [3], "integer"),
        ("{{ x }}", ["a\nb"], "text"),
        ("{{ x }}", ["a", 1], "line"),  # no one type fits both
        ("{{ x }}", [], "line"),
        # A flag the examples contradict is what they hold.
        ("{% if x %}-{% endif %}", ["some text"], "line"),
        ("{% if x %}-{% endif %}", [False], "boolean"),
        # The template shows a string: the examples do not retype it.
        ("{{ x | upper }}", [1], "line"),
        ("{{ x.strip() }}", [1], "line"),
        ("{% if x == 'a' %}{% endif %}{{ x }}", [1], "line"),
        ("{{ x | default('none') }}", [1], "line"),
        ("{{ x | trim }}", ["a\nb"], "text"),
    ],
)
def test_the_examples_type_what_the_template_only_prints(tmp_path, source, values, kind) -> None:
    template = tmp_path / "t.py.jinja2"
    template.write_text(source, encoding="utf-8")
    examples = [{"x": value} for value in values] + ["not a mapping"]
    found = legacy_plugin_input(template, examples)["fields"]
    assert isinstance(found, list)
    assert found[0]["type"] == kind


def test_the_examples_reach_list_items_and_attributes(tmp_path) -> None:
    source = (
        "{% for n in ns %}#{{ n }}{% endfor %}"
        "{% for r in rows %}{{ r.cycle | default('') }} {{ r.phase }}{% endfor %}"
    )
    template = tmp_path / "t.py.jinja2"
    template.write_text(source, encoding="utf-8")
    examples = [{"ns": [1, 2], "rows": [{"cycle": 1, "phase": "a"}, {"cycle": 2}]}, {"ns": [3]}]
    found = {
        entry["name"]: entry for entry in _flat(legacy_plugin_input(template, examples)["fields"])
    }
    assert (found["ns"]["type"], found["ns"]["many"]) == ("integer", True)
    assert (found["rows.cycle"]["type"], found["rows.phase"]["type"]) == ("integer", "line")
    # Without examples: what the template shows.
    plain = {entry["name"]: entry for entry in _flat(legacy_plugin_input(template)["fields"])}
    assert plain["ns"]["type"] == plain["rows.cycle"]["type"] == "line"


@pytest.mark.parametrize(
    "source",
    [
        "{% for f in ins + outs %}{{ f.name }}: {{ f.type }}{% endfor %}",
        (
            "{% set all = ins | default([]) + outs | default([]) %}"
            "{% for f in all %}{{ f.name }}: {{ f.type }}{% endfor %}"
        ),
        (
            "{% for label, items in [('In', ins), ('Out', outs)] %}"
            "{% for f in items %}{{ f.name }}: {{ f.type }}{% endfor %}{% endfor %}"
        ),
        (
            "{% for items in [ins, outs] %}{% for f in items %}{{ f.name }}: {{ f.type }}"
            "{% endfor %}{% endfor %}"
        ),
    ],
)
def test_a_loop_over_several_lists_gives_each_the_attributes_read(tmp_path, source) -> None:
    found = fields(tmp_path, source)
    for name in ("ins", "outs"):
        assert (found[name]["type"], found[name]["many"]) == ("model", True), name
        assert [entry["name"] for entry in found[name]["fields"]] == ["name", "type"]


def test_a_set_name_holding_a_default_or_a_tested_value_guards_the_attribute(tmp_path) -> None:
    found = fields(
        tmp_path,
        "{% for m in ms %}{% set s = m.scope | default('function') %}"
        "{% if s != 'function' %}{{ s }}{% endif %}"
        "{% set src = m.source | default('', true) | trim %}"
        "{{ 'Source: ' ~ src if src }}{{ m.name }}{% endfor %}",
    )
    verdicts = {entry["name"]: entry["required"] for entry in found["ms"]["fields"]}
    assert verdicts == {"scope": False, "source": False, "name": True}


def test_attributes_make_models_two_levels_deep(tmp_path) -> None:
    found = fields(
        tmp_path,
        "{{ owner.name }}{{ owner.age + 1 }}"
        "{% for m in methods %}{{ m.name }}{% if m.is_async %}async{% endif %}"
        "{% for p in m.params %}{{ p.type }}{{ p.default | default('-') }}{{ p.kind.label }}"
        "{% endfor %}{{ m.doc | default('No doc.') }}{{ m.note | default('') }}{% endfor %}"
        "{{ tags | selectattr('on') | map(attribute='label') | join }}",
    )
    assert MODEL_DEPTH == 2
    owner = found["owner"]
    assert (owner["type"], owner["many"], owner["required"]) == ("model", False, True)
    assert owner["fields"] == [
        {"name": "name", "type": "line", "many": False, "required": True},
        {"name": "age", "type": "number", "many": False, "required": True},
    ]
    methods = found["methods"]
    assert (methods["type"], methods["many"]) == ("model", True)
    assert methods["fields"] == [
        {"name": "name", "type": "line", "many": False, "required": True},
        {"name": "is_async", "type": "boolean", "many": False, "required": False},
        {
            "name": "params",
            "type": "model",
            "many": True,
            "required": True,
            "fields": [
                {"name": "type", "type": "line", "many": False, "required": True},
                {
                    "name": "default",
                    "type": "line",
                    "many": False,
                    "required": False,
                    "default": "-",
                },
                # Attributes at a third level: deeper than MODEL_DEPTH, so a line.
                {"name": "kind", "type": "line", "many": False, "required": True},
            ],
        },
        {"name": "doc", "type": "line", "many": False, "required": False, "default": "No doc."},
        {"name": "note", "type": "line", "many": False, "required": True},
    ]
    assert {entry["name"] for entry in found["tags"]["fields"]} == {"on", "label"}


def test_an_empty_fallback_on_an_attribute_never_tested_is_no_guard(tmp_path) -> None:
    found = fields(
        tmp_path,
        "{% for m in ms %}{{ m.a | default('') }}{{ m.b | d }}{% if m.b %}!{% endif %}"
        "{{ m.c | d('', true) }}{% endfor %}",
    )
    verdicts = {entry["name"]: entry["required"] for entry in found["ms"]["fields"]}
    assert verdicts == {"a": True, "b": False, "c": True}


def test_the_model_depth_is_one_constant(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("scaffold_core.migrate.fields.MODEL_DEPTH", 1)
    found = fields(
        tmp_path, "{% for m in ms %}{% for p in m.ps %}{{ p.n }}{% endfor %}{% endfor %}"
    )
    assert found["ms"]["fields"] == [
        {"name": "ps", "type": "line", "many": True, "required": True}
    ]


def test_a_set_name_stands_for_its_variable(tmp_path) -> None:
    found = fields(
        tmp_path, "{% set xs = items | default([]) %}{% for i in xs %}{{ i.id }}{% endfor %}"
    )
    assert (found["items"]["type"], found["items"]["many"]) == ("model", True)


def test_defaults_only_for_optional_scalars_that_fit(tmp_path) -> None:
    found = fields(
        tmp_path,
        "{{ a | default('x') }}{{ b | default('x') }}{{ b }}{{ c | default('') }}"
        "{% if c %}{% endif %}{{ d | default([1]) }}{{ e | default('p') }}{{ e | d('q') }}"
        "{{ f | default(2) - 1 }}{{ g | default('Run ' ~ 'now') }}"
        "{{ h | default('p') }}{{ h | default(z, true) }}",
    )
    assert found["a"]["default"] == "x"
    assert "default" not in found["b"]  # required: read unguarded too
    assert "default" not in found["c"]  # an empty text is no default (None renders the same)
    assert "default" not in found["d"]  # a list
    assert "default" not in found["e"]  # two different literals
    assert found["f"]["default"] == 2
    assert found["f"]["type"] == "integer"
    assert "default" not in found["g"]  # computed
    assert "default" not in found["h"]  # a computed fallback elsewhere: none stands for both


def test_fields_come_in_the_order_first_read_and_lifecycle_names_are_no_fields(tmp_path) -> None:
    found = analyse(tmp_path, "{{ zeta }}{{ output_path }}{{ alpha }}{{ zeta }}{{ mid }}")
    assert [entry["name"] for entry in found["fields"]] == ["zeta", "alpha", "mid"]


def test_variables_anywhere_in_the_chain_count(tmp_path, monkeypatch) -> None:
    library = tmp_path / "library"
    (library / "layouts").mkdir(parents=True)
    (library / "layouts" / "page.md.jinja2").write_text(
        "# {{ heading }}\n{% block body %}{% endblock %}"
    )
    (library / "macros.jinja2").write_text("{% macro m(v) %}{{ v }}{{ style }}{% endmacro %}")
    monkeypatch.setattr("scaffold_core.migrate.legacy.shared_library_path", lambda: library)
    (tmp_path / "own").mkdir()
    found = analyse(
        tmp_path / "own",
        "{% extends 'layouts/page.md.jinja2' %}{% import 'macros.jinja2' as k %}"
        "{% block body %}{{ k.m(body) }}{% endblock %}",
        "note.v1.md.jinja2",
    )
    # In chain order: the template's own reads, then its layout's, then the macros'.
    assert [entry["name"] for entry in found["fields"]] == ["body", "heading", "style"]
    assert (found["kind"], found["extension"]) == ("document", "md")


# --- the v2 text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ x | default('') }}", "{{ x }}"),
        ("{{ x|d }}", "{{ x }}"),
        ("{{ x | d('|') ~ y | default(')', boolean=true) }}", "{{ x ~ y }}"),
        ("{{ x | default('a', true) | d('b') }}", "{{ x }}"),
        ("{{ x | default(-1) ~ y | d(none) ~ z | d([]) ~ w | d({}) }}", "{{ x ~ y ~ z ~ w }}"),
        ("{{ x | default('a' 'b') }}", "{{ x }}"),
        # A computed fallback stays, as an 'or' (the filter's 'true' or not).
        (
            "{{ x | default(f('a)', (1, 2)), true) | upper }}",
            "{{ (x or f('a)', (1, 2))) | upper }}",
        ),
        ("{{ x | default(y | d('z')) }}", "{{ (x or y) }}"),
        ("{{ 'Run ' ~ x.y | d('Run ' ~ n, true) }}", "{{ 'Run ' ~ (x.y or 'Run ' ~ n) }}"),
        ("{{ x | default(y, boolean=true) }}", "{{ (x or y) }}"),
        ("{{ x | d([1]) | join }}", "{{ (x or [1]) | join }}"),
        ("{{ x | d(-n) }}", "{{ (x or -n) }}"),
        ("{{ x | d(a if b else c) }}", "{{ (x or (a if b else c)) }}"),
        ("{{ (a or b) | d(c) }}", "{{ ((a or b) or c) }}"),
        ("{{ f(a)[0].b | lower | d(c) }}", "{{ (f(a)[0].b | lower or c) }}"),
        ("{{ [a, b] | d(c) }}", "{{ ([a, b] or c) }}"),
        ("{{ -n | d(m) }}", "{{ (-n or m) }}"),
        ("{{ 1 - n | d(m) }}", "{{ 1 - (n or m) }}"),
        ("{% if not x | d(y) %}-{% endif %}", "{% if not (x or y) %}-{% endif %}"),
        ("{{ x | d(y) | d(z) }}", "{{ ((x or y) or z) }}"),
        ("{% set v = x | default(y) %}", "{% set v = (x or y) %}"),
        (
            "{% for i in xs | default(ys) if i %}{{ i }}{% endfor %}",
            "{% for i in (xs or ys) if i %}{{ i }}{% endfor %}",
        ),
        ("{# x | default('') #}{% raw %}{{ y | d }}{% endraw %}", None),
        ("{{ 'x | default(1)' }}", None),
        ("{% if s is defined and s %}{{ s }}{% endif %}", "{% if s %}{{ s }}{% endif %}"),
        ("{% if a and b.c is defined and b.c %}-{% endif %}", "{% if a and b.c %}-{% endif %}"),
        ("{% if not s is defined and t %}-{% endif %}", None),
        ("{% if s is defined %}-{% endif %}", None),
        ("a\r\n{{ x | d }}\r\n", "a\n{{ x }}\n"),
    ],
)
def test_without_defaults(source, expected) -> None:
    result = without_defaults(ENVIRONMENT, source)
    assert result == (source if expected is None else expected)
    ENVIRONMENT.parse(result)


@pytest.mark.parametrize(
    "source",
    [
        "{{ x | default('Run ' ~ y, true) | upper }}",
        "{{ x | default(y) }}",
        "{{ 'a' ~ x | d(y ~ '!') ~ 'b' }}",
        "{{ x | d(y if y else 'z') }}",
        "{{ x | d(y) | d('never') }}",
        "{% if not x | d(y) %}empty{% endif %}",
        "{% for i in x | default(y | list, true) %}{{ i }}{% endfor %}",
    ],
)
def test_a_computed_fallback_renders_as_before(source) -> None:
    # v1: x absent, or given; v2: every field defined, an optional one None when absent.
    v2 = without_defaults(ENVIRONMENT, source)
    assert not has_default_filter(v2)
    # An empty text: default() without true keeps it, 'or' does not (see v2_text).
    values = [None, "set", *([""] if ", true)" in source else [])]
    for value in values:
        v1_context = {"y": "yes"} if value is None else {"x": value, "y": "yes"}
        expected = ENVIRONMENT.from_string(source).render(v1_context)
        assert ENVIRONMENT.from_string(v2).render({"x": value, "y": "yes"}) == expected, v2


# The core prints a None printed directly as nothing, and only then.
FINALIZING = jinja2.Environment(
    extensions=["jinja2.ext.do"], finalize=lambda value: "" if value is None else value
)


@pytest.mark.parametrize(
    ("source", "name", "v1", "v2", "expected"),
    [
        # Filtered: None would print as "None"; the base-like optional field keeps its ''.
        (
            "{{ p | default('', true) | trim }}{% if p %}!{% endif %}",
            "t.py.jinja2",
            {},
            {"p": None},
            "{{ (p or '') | trim }}{% if p %}!{% endif %}",
        ),
        # Concatenated, compared, given to a macro.
        ("{{ x | default('') ~ '.' }}{% if x %}{% endif %}", "t.py.jinja2", {}, {"x": None}, None),
        (
            "{% if x | default('') == '' %}empty{% endif %}{% if x %}{% endif %}",
            "t.py.jinja2",
            {},
            {"x": None},
            None,
        ),
        (
            "{% macro m(v) %}[{{ v }}]{% endmacro %}{{ m(x | default('')) }}{% if x %}{% endif %}",
            "t.py.jinja2",
            {},
            {"x": None},
            "{% macro m(v) %}[{{ v }}]{% endmacro %}{{ m((x or '')) }}{% if x %}{% endif %}",
        ),
        # Two different literals: no Context default, both stay where exposed.
        (
            "{{ x | default('a') | upper }}{{ x | default('b') ~ '!' }}",
            "t.py.jinja2",
            {},
            {"x": None},
            "{{ (x or 'a') | upper }}{{ (x or 'b') ~ '!' }}",
        ),
        # An attribute of a list's items.
        (
            (
                "{% for m in ms | default([]) %}{{ m.n | default('') | upper }}{% if m.n %}"
                "{% endif %}{% endfor %}"
            ),
            "t.py.jinja2",
            {"ms": [{}]},
            {"ms": [{"n": None}]},
            "{% for m in ms %}{{ (m.n or '') | upper }}{% if m.n %}{% endif %}{% endfor %}",
        ),
        # A document's base field the base defaults to None.
        (
            "# {{ title }}\n{{ purpose | default('', true) | trim }}\n",
            "d.v1.md.jinja2",
            {"title": "T"},
            {"title": "T", "purpose": None},
            "# {{ title }}\n{{ (purpose or '') | trim }}\n",
        ),
        # Taken out: the RenderContext holds the literal, or None is harmless there.
        (
            "{{ x | default('') }}{% if x | default('') %}-{% endif %}",
            "t.py.jinja2",
            {},
            {"x": None},
            "{{ x }}{% if x %}-{% endif %}",
        ),
        ("{{ x | default('a') | upper }}", "t.py.jinja2", {}, {"x": "a"}, "{{ x | upper }}"),
        (
            "{{ xs | default([]) | join(',') }}",
            "t.py.jinja2",
            {},
            {"xs": []},
            "{{ xs | join(',') }}",
        ),
        (
            "class {{ n | default('') | trim }}:",
            "t.py.jinja2",
            {"n": "A"},
            {"n": "A"},
            "class {{ n | trim }}:",
        ),
        (
            "# {{ title | default('') | trim }} ({{ status | default('draft', true) | upper }})",
            "d.v1.md.jinja2",
            {"title": "T"},
            {"title": "T", "status": "draft"},
            "# {{ title | trim }} ({{ status | upper }})",
        ),
        # A literal beside a computed fallback: no Context default, so it stays.
        (
            "{{ x | default('a', true) | upper }}{{ x | default(y ~ '!', true) }}",
            "t.py.jinja2",
            {"y": "b"},
            {"x": None, "y": "b"},
            "{{ (x or 'a') | upper }}{{ (x or y ~ '!') }}",
        ),
    ],
)
def test_a_removed_literal_default_renders_as_before(tmp_path, source, name, v1, v2, expected):
    found = analyse(tmp_path, source, name)
    template = found["template"]
    assert isinstance(template, str)
    if expected is not None:
        assert template == expected
    assert not has_default_filter(template)
    before = FINALIZING.from_string(source).render(v1)
    after = FINALIZING.from_string(template).render(v2)
    assert after == before
    assert "None" not in after


def test_absent_values_are_what_the_render_context_holds() -> None:
    fields = [
        {"name": "a", "type": "line", "many": False, "required": True},
        {"name": "b", "type": "line", "many": False, "required": False, "default": "x"},
        {"name": "c", "type": "line", "many": False, "required": False},
        {"name": "d", "type": "line", "many": True, "required": False},
        {
            "name": "m",
            "type": "model",
            "many": True,
            "required": False,
            "fields": [{"name": "e", "type": "line", "many": False, "required": False}],
        },
    ]
    absent = absent_values(fields, document=True)
    assert absent[("a",)] is GIVEN
    assert (absent[("b",)], absent[("c",)], absent[("d",)], absent[("m",)]) == ("x", None, [], [])
    assert absent[("m", "e")] is None
    assert absent[("title",)] is absent[("sections",)] is absent[("output_path",)] is GIVEN
    assert (absent[("purpose",)], absent[("status",)], absent[("scope_in",)]) == (
        None,
        "draft",
        [],
    )
    assert ("title",) not in absent_values(fields, document=False)


@given(st.text(max_size=20), st.booleans(), st.sampled_from(["default", "d"]))
def test_any_literal_default_is_removed_whole(text, boolean, name) -> None:
    arguments = repr(text) + (", true" if boolean else "")
    source = f"{{{{ x | {name}({arguments}) | upper }}}}{{% if x %}}){{% endif %}}"
    assert without_defaults(ENVIRONMENT, source) == "{{ x | upper }}{% if x %}){% endif %}"


@settings(deadline=None)  # behaviour, not speed: a large template takes ~0.2 s
@given(st.sampled_from(BUNDLED_V1))
def test_every_bundled_legacy_template_migrates(template) -> None:
    found = legacy_plugin_input(template)
    v2 = found["template"]
    assert isinstance(v2, str)
    assert not has_default_filter(v2)
    assert found["legacy_template"] == template.read_text(encoding="utf-8")
    names = [entry["name"] for entry in found["fields"]]
    assert names
    assert len(set(names)) == len(names)
    for name in names:
        assert name.isidentifier(), name
        assert not keyword.iskeyword(name), name
        assert name not in LIFECYCLE_FIELDS, name
    assert found["extension"] == template.name.split(".")[-2]


def test_bundled_templates_have_no_local_chain_members() -> None:
    # Each migrates, so none extends, includes or imports a file beside it.
    assert all(legacy_plugin_input(template)["fields"] for template in BUNDLED_V1)
    assert len(BUNDLED_V1) == 20


# --- file name, kind ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "extension"),
    [
        ("x.py.jinja2", "py"),
        ("x.v1.md.jinja2", "md"),
        ("x.yaml.j2", "yaml"),
        ("x.jinja2", None),
        ("x.v1.jinja2", None),
        ("x.p-y.jinja2", None),
    ],
)
def test_extension_from_the_file_name(name, extension) -> None:
    assert legacy_extension(name) == extension


def test_kind_from_the_extension(tmp_path) -> None:
    assert analyse(tmp_path, "x", "a.md.jinja2")["kind"] == "document"
    assert analyse(tmp_path, "x", "a.py.jinja2")["kind"] == "code"
    assert analyse(tmp_path, "x", "a.toml.jinja2")["kind"] == "code"
    assert analyse(tmp_path, "x", "a.v1.txt.jinja2") == {
        "kind": "message",
        "extension": "txt",
        "fields": [],
        "legacy_template": "x",
        "template": "x",
    }
    without = analyse(tmp_path, "x", "a.jinja2")
    assert without["kind"] == "code"
    assert "extension" not in without
    assert "name" not in without


@pytest.mark.parametrize(
    ("extension", "kind"),
    [
        ("md", "document"),
        ("txt", "message"),
        ("py", "code"),
        ("yaml", "code"),
        (None, "code"),
        # The core cannot header it and a message cannot have it: code, which the
        # artifact_plugin type then refuses, naming the extension.
        ("json", "code"),
    ],
)
def test_legacy_kind(extension, kind) -> None:
    assert legacy_kind(extension) == kind


def test_every_extension_the_core_cannot_header_that_a_message_takes_is_a_message() -> None:
    # The artifact_plugin type's own rule, not a copy of it: a message takes md or txt.
    plugin = ArtifactRegistry().get("artifact_plugin").context_class
    for extension in ("txt", "json", "csv", "md"):
        kind = legacy_kind(extension)
        accepted = {
            candidate
            for candidate in ("code", "document", "message")
            if _accepts(plugin, candidate, extension)
        }
        if accepted:
            assert kind in accepted, (extension, kind, accepted)
        else:
            assert kind == "code"


def _accepts(plugin: type, kind: str, extension: str) -> bool:
    try:
        plugin.model_validate({"name": "probe_type", "kind": kind, "extension": extension})
    except ValidationError:
        return False
    return True


def test_a_document_leaves_the_base_fields_to_the_base(tmp_path) -> None:
    source = (
        "# {{ title }}\n{{ status | default('Draft') }} {{ sections }}\n{{ goal }}\n"
        "{% for d in related_docs | default([]) %}{{ d }}{% endfor %}{{ owner | default('me') }}"
    )
    document = analyse(tmp_path, source, "note.v1.md.jinja2")
    assert [entry["name"] for entry in document["fields"]] == ["goal", "owner"]
    assert {"title", "status", "related_docs"} <= set(BaseDocumentContext.model_fields)
    assert "sections" in BaseDocumentContext.model_computed_fields
    # The v2 text still reads them: the base provides them; the classifier still saw them.
    assert "{{ title }}" in document["template"]
    variables = legacy_variables(tmp_path / "note.v1.md.jinja2")
    assert set(variables.required) == {"title", "sections", "goal"}
    assert set(variables.optional) == {"status", "related_docs", "owner"}
    code = analyse(tmp_path, source, "note.py.jinja2")
    assert [entry["name"] for entry in code["fields"]] == [
        "title",
        "status",
        "sections",
        "goal",
        "related_docs",
        "owner",
    ]


# --- what cannot be migrated: a user error naming the file -------------------------------


def test_a_missing_file(tmp_path) -> None:
    with pytest.raises(BadOption, match=r"legacy template '.*nope\.py\.jinja2' cannot be read"):
        legacy_plugin_input(tmp_path / "nope.py.jinja2")


def test_a_folder(tmp_path) -> None:
    with pytest.raises(BadOption, match="cannot be read"):
        legacy_plugin_input(tmp_path)


def test_not_utf8(tmp_path) -> None:
    template = tmp_path / "t.py.jinja2"
    template.write_bytes(b"ok\n\xff{{ x }}")
    with pytest.raises(BadOption, match=r"'.*t\.py\.jinja2' is not UTF-8 text \(byte 0xff at"):
        legacy_plugin_input(template)


def test_a_syntax_error_names_the_line(tmp_path) -> None:
    with pytest.raises(BadOption, match=r"t\.py\.jinja2' does not parse at line 3: ") as error:
        analyse(tmp_path, "a\nb\n{{ x | }}\nc\n")
    assert isinstance(error.value, UserError)
    assert error.value.exit_code == 2


def test_a_syntax_error_in_a_library_member_names_it(tmp_path, monkeypatch) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "bad.jinja2").write_text("{% if %}")
    monkeypatch.setattr("scaffold_core.migrate.legacy.shared_library_path", lambda: library)
    with pytest.raises(BadOption, match=r"library.bad\.jinja2' does not parse at line 1"):
        analyse(tmp_path, "{% include 'bad.jinja2' %}")


def test_a_template_found_nowhere(tmp_path) -> None:
    with pytest.raises(BadOption, match=r"names .gone\.jinja2., found neither beside it nor in"):
        analyse(tmp_path, "{% include 'gone.jinja2' %}")


def test_a_template_named_by_an_expression(tmp_path) -> None:
    with pytest.raises(BadOption, match="names a template through an expression"):
        analyse(tmp_path, "{% include which %}")


def test_a_chain_member_beside_the_template_is_refused(tmp_path) -> None:
    (tmp_path / "part.jinja2").write_text("{{ x }}")
    with pytest.raises(BadOption, match=r"includes or imports .part\.jinja2. beside it"):
        analyse(tmp_path, "{% include 'part.jinja2' %}")


def test_the_command_line_makes_a_plugin_from_a_legacy_template(tmp_path, monkeypatch, capsys):
    legacy = tmp_path / "notice.v1.py.jinja2"
    legacy.write_text('"""{{ summary }}"""\n\nRETRIES = {{ retries | default(3) }}\n')
    monkeypatch.chdir(tmp_path)
    assert main(["new", "artifact_plugin", "-s", "name=notice", "--from-legacy", str(legacy)]) == 0
    written = capsys.readouterr().out.split()
    package = tmp_path / "scaffold-artifact-notice" / "scaffold_artifact_notice"
    assert "scaffold-artifact-notice/pyproject.toml" in written
    templates = package / "templates"
    assert (templates / "notice.v1.py.jinja2").read_text().endswith(legacy.read_text())
    assert "default" not in (templates / "notice.py.jinja2").read_text()
    module = (package / "__init__.py").read_text()
    assert re.search(r"retries: int = Field\(default=3, ", module), module


def test_from_legacy_is_refused_for_another_type_and_with_a_recipe(tmp_path, capsys):
    assert main(["new", "dto", "--from-legacy", "x.jinja2", "-C", str(tmp_path)]) == 2
    assert "it is for 'scaffold new artifact_plugin', not 'dto'" in capsys.readouterr().err
    assert main(["new", "--recipe", "r.yaml", "--from-legacy", "x.jinja2"]) == 2
    assert "drop TYPE, -s, --context, -o, --from-legacy" in capsys.readouterr().err
    missing = str(tmp_path / "gone.jinja2")
    assert main(["new", "artifact_plugin", "-s", "name=x", "--from-legacy", missing]) == 2
    assert "cannot be read" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_types_fields_from_the_examples_given(tmp_path, monkeypatch, capsys):
    legacy = tmp_path / "notice.v1.py.jinja2"
    legacy.write_text("RETRIES = {{ retries }}\n")
    (tmp_path / "input.yaml").write_text("examples:\n- {retries: 3}\n- {retries: 5}\n")
    monkeypatch.chdir(tmp_path)
    arguments = ["new", "artifact_plugin", "-s", "name=notice", "--context", "input.yaml"]
    assert main([*arguments, "--from-legacy", str(legacy)]) == 0, capsys.readouterr().err
    module = tmp_path / "scaffold-artifact-notice" / "scaffold_artifact_notice" / "__init__.py"
    assert re.search(r"retries: int = Field\(", module.read_text()), module.read_text()


def test_what_from_legacy_derives_is_not_also_given(tmp_path, capsys):
    legacy = tmp_path / "notice.v1.py.jinja2"
    legacy.write_text('"""{{ summary }}"""\n')
    arguments = ["new", "artifact_plugin", "-s", "name=notice", "--from-legacy", str(legacy)]
    given = ["-s", 'fields=[{"name": "other"}]', "-s", "kind=message", "-C", str(tmp_path)]
    assert main([*arguments, *given]) == 2
    errors = capsys.readouterr().err
    for key in ("fields", "kind"):
        shown = f"  - {key}: --from-legacy derives '{key}' from the template: drop it, edit the"
        assert f"{shown} plugin after" in errors.splitlines()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notice.v1.py.jinja2"]


def test_a_generated_plugin_that_does_not_pass_yet_is_kept_and_named(tmp_path, capsys):
    worker = ROOT / "plugins/scaffold-artifact-worker/scaffold_artifact_worker/templates"
    arguments = ["new", "artifact_plugin", "-s", "name=draft_worker", "-C", str(tmp_path)]
    assert main([*arguments, "--from-legacy", str(worker / "worker.v1.py.jinja2")]) == 1
    captured = capsys.readouterr()
    assert "scaffold-artifact-draft-worker/pyproject.toml\n" in captured.out
    assert "the plugin does not pass its checks yet" in captured.err
    assert "error ARCH009 at example 1: fails the output check" in captured.err
    assert (tmp_path / "scaffold-artifact-draft-worker" / "tests").is_dir()
    assert "scaffold_artifact_draft_worker" not in sys.modules


def test_a_plugin_that_passes_its_checks_is_exit_0(tmp_path, capsys):
    legacy = tmp_path / "notice.v1.md.jinja2"
    legacy.write_text("# {{ title }}\n\n{{ body | default('No details.') }}\n")
    examples = ["-s", 'examples=[{"title": "Deploy", "body": "At noon."}, {"title": "Freeze"}]']
    arguments = ["new", "artifact_plugin", "-s", "name=notice", "-C", str(tmp_path)]
    assert main([*arguments, *examples, "--from-legacy", str(legacy)]) == 0
    assert capsys.readouterr().err == ""
    folder = tmp_path / "scaffold-artifact-notice"
    assert distribution_failures(folder) == []
    (folder / "scaffold_artifact_notice" / "templates" / "notice.md.jinja2").write_text("{{ x }\n")
    assert "ARCH005" in distribution_failures(folder)[0]
