"""The template chain (extends, include, import, from-import) and its version hash."""

import re
from pathlib import Path

import jinja2
import pytest

from scaffold_core.render import DynamicTemplateReference, chain_hash, template_chain

HEX8 = re.compile(r"[0-9a-f]{8}")


def dict_env(templates: dict[str, str], **options: object) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), **options)


def fs_env(root: Path) -> jinja2.Environment:
    """A fresh environment (no template cache) reading ``root`` from disk."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(root))


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- every statement kind, in every whitespace-control form ------------------------------

STATEMENTS = {
    "extends": 'extends "target"',
    "include": 'include "target"',
    "include_ignore_missing": 'include "target" ignore missing',
    "include_with_context": 'include "target" without context',
    "import_as": 'import "target" as lib',
    "import_with_context": 'import "target" as lib with context',
    "from_import": 'from "target" import one',
    "from_import_many": 'from "target" import one as uno, two with context',
    "single_quotes": "include 'target'",
}

DELIMITERS = {
    "plain": ("{% ", " %}"),
    "minus_both": ("{%- ", " -%}"),
    "minus_tight": ("{%-", "-%}"),
    "plus_open": ("{%+ ", " %}"),
    "plus_close": ("{% ", " +%}"),
    "plus_minus": ("{%+ ", " -%}"),
    "multiline": ("{%\n   ", "\n%}"),
}


@pytest.mark.parametrize("statement", STATEMENTS.values(), ids=STATEMENTS.keys())
@pytest.mark.parametrize("delimiters", DELIMITERS.values(), ids=DELIMITERS.keys())
def test_chain_finds_every_statement_in_every_whitespace_form(
    statement: str, delimiters: tuple[str, str]
) -> None:
    opening, closing = delimiters
    env = dict_env(
        {
            "main": f"text before\n  {opening}{statement}{closing}\ntext after\n",
            "target": "{% macro one() %}1{% endmacro %}{% macro two() %}2{% endmacro %}",
            "unrelated": "not referenced",
        }
    )
    assert template_chain(env, "main") == ["main", "target"]


def test_chain_reads_the_parse_tree_so_line_statements_count() -> None:
    env = dict_env(
        {"main": '## include "target"\nbody\n', "target": "t"}, line_statement_prefix="##"
    )
    assert template_chain(env, "main") == ["main", "target"]


@pytest.mark.parametrize(
    "hidden",
    [
        '{# {% include "ghost" %} #}',
        '{% raw %}{% include "ghost" %}{% endraw %}',
        "{{ '{% include \"ghost\" %}' }}",
        'include "ghost" as plain text',
    ],
    ids=["comment", "raw", "string_literal", "plain_text"],
)
def test_chain_ignores_references_that_are_not_statements(hidden: str) -> None:
    env = dict_env({"main": hidden})
    assert template_chain(env, "main") == ["main"]


def test_chain_finds_references_nested_in_blocks_macros_loops_and_conditions() -> None:
    env = dict_env(
        {
            "main": (
                '{% extends "base" %}'
                "{% block body %}"
                '{% if flag %}{% include "in_if" %}{% endif %}'
                '{% for item in items %}{% include "in_for" %}{% endfor %}'
                "{% endblock %}"
                '{% macro m() %}{% from "in_macro" import x %}{% endmacro %}'
            ),
            "base": "{% block body %}{% endblock %}",
            "in_if": "",
            "in_for": "",
            "in_macro": "{% macro x() %}{% endmacro %}",
        }
    )
    assert set(template_chain(env, "main")) == {"main", "base", "in_if", "in_for", "in_macro"}


def test_chain_starts_with_the_template_itself() -> None:
    env = dict_env({"solo": "just text"})
    assert template_chain(env, "solo") == ["solo"]


def test_missing_root_template_is_reported() -> None:
    with pytest.raises(jinja2.TemplateNotFound):
        template_chain(dict_env({}), "nowhere")


# --- transitivity, cycles, include lists ------------------------------------------------


def transitive_templates() -> dict[str, str]:
    """page extends a layout that imports a macro library that includes a partial."""
    return {
        "page.py.jinja2": (
            '{%- extends "layouts/base.jinja2" -%}\n{% block body %}page{% endblock %}\n'
        ),
        "layouts/base.jinja2": (
            '{% import "macros/lib.jinja2" as lib %}\n{% block body %}{% endblock %}\n'
        ),
        "macros/lib.jinja2": (
            '{% macro box() %}{%+ include "partials/box.jinja2" %}{% endmacro %}\n'
        ),
        "partials/box.jinja2": "[box]\n",
        "unrelated.jinja2": "{% block x %}{% endblock %}\n",
    }


def test_chain_is_transitive_in_discovery_order() -> None:
    env = dict_env(transitive_templates())
    assert template_chain(env, "page.py.jinja2") == [
        "page.py.jinja2",
        "layouts/base.jinja2",
        "macros/lib.jinja2",
        "partials/box.jinja2",
    ]


def test_chain_of_a_member_only_reaches_downstream() -> None:
    env = dict_env(transitive_templates())
    assert template_chain(env, "macros/lib.jinja2") == [
        "macros/lib.jinja2",
        "partials/box.jinja2",
    ]


def test_import_cycle_lists_each_template_once() -> None:
    env = dict_env(
        {
            "a": '{% import "b" as b %}{% import "a" as me %}',
            "b": '{% from "c" import x %}{% import "a" as a %}',
            "c": '{% import "b" as b %}{% macro x() %}{% endmacro %}',
        }
    )
    assert template_chain(env, "a") == ["a", "b", "c"]
    assert template_chain(env, "c") == ["c", "b", "a"]


def test_diamond_and_repeated_references_list_each_template_once() -> None:
    env = dict_env(
        {
            "top": '{% include "left" %}{% include "right" %}{% include "left" %}',
            "left": '{% include "bottom" %}',
            "right": '{% import "bottom" as b %}{% include "bottom" %}',
            "bottom": "",
        }
    )
    chain = template_chain(env, "top")
    assert chain == ["top", "left", "right", "bottom"]
    assert len(chain) == len(set(chain))


@pytest.mark.parametrize(
    "include",
    ['{% include ["first", "second"] %}', '{% include ("first", "second") %}'],
    ids=["list", "tuple"],
)
def test_include_list_puts_every_candidate_in_the_chain(include: str) -> None:
    env = dict_env({"main": include, "first": '{% include "deep" %}', "second": "", "deep": ""})
    assert template_chain(env, "main") == ["main", "first", "second", "deep"]


def test_optional_include_of_an_absent_template_does_not_break_the_chain() -> None:
    # Jinja renders these fine (the first existing candidate, or nothing); the chain, which
    # the version hash and so every render depends on, must not fail on them either.
    env = dict_env(
        {
            "main": '{% include ["absent", "fallback"] %}{% include "gone" ignore missing %}',
            "fallback": "F",
        }
    )
    assert env.get_template("main").render() == "F"
    chain = template_chain(env, "main")
    assert chain[0] == "main"
    assert "fallback" in chain


# --- dynamic references -----------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "{% extends layout %}",
        "{% include partial %}",
        "{% import library as lib %}",
        "{% from library import thing %}",
        '{% include ["static", chosen] %}',
        '{% include "prefix/" ~ name %}',
        "{%- include obj.template -%}",
    ],
)
def test_dynamic_reference_raises_naming_the_template(statement: str) -> None:
    env = dict_env({"owner.py.jinja2": f"x\n{statement}\n", "static": ""})
    with pytest.raises(DynamicTemplateReference, match=r"owner\.py\.jinja2"):
        template_chain(env, "owner.py.jinja2")


def test_dynamic_reference_deep_in_the_chain_names_the_template_that_holds_it() -> None:
    env = dict_env(
        {
            "root": '{% extends "middle" %}',
            "middle": "{% include some_variable %}",
        }
    )
    with pytest.raises(DynamicTemplateReference, match="'middle'") as raised:
        template_chain(env, "root")
    assert "'root'" not in str(raised.value)


def test_dynamic_reference_also_stops_chain_hash() -> None:
    env = dict_env({"main": "{% include name %}"})
    with pytest.raises(DynamicTemplateReference):
        chain_hash(env, "main")


# --- chain_hash -------------------------------------------------------------------------


@pytest.fixture
def on_disk(tmp_path: Path) -> Path:
    for name, text in transitive_templates().items():
        write(tmp_path, name, text)
    return tmp_path


def test_chain_hash_is_eight_lowercase_hex_characters(on_disk: Path) -> None:
    value = chain_hash(fs_env(on_disk), "page.py.jinja2")
    assert HEX8.fullmatch(value)


def test_chain_hash_is_deterministic_across_environments(on_disk: Path) -> None:
    first = chain_hash(fs_env(on_disk), "page.py.jinja2")
    assert chain_hash(fs_env(on_disk), "page.py.jinja2") == first
    assert chain_hash(dict_env(transitive_templates()), "page.py.jinja2") == first


def test_chain_hash_differs_between_templates(on_disk: Path) -> None:
    env = fs_env(on_disk)
    assert chain_hash(env, "page.py.jinja2") != chain_hash(env, "macros/lib.jinja2")


@pytest.mark.parametrize(
    "member",
    ["page.py.jinja2", "layouts/base.jinja2", "macros/lib.jinja2", "partials/box.jinja2"],
)
def test_chain_hash_changes_when_any_member_changes(on_disk: Path, member: str) -> None:
    before = chain_hash(fs_env(on_disk), "page.py.jinja2")
    path = on_disk / member
    path.write_text(path.read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8")
    after = chain_hash(fs_env(on_disk), "page.py.jinja2")
    assert HEX8.fullmatch(after)
    assert after != before


def test_chain_hash_changes_on_a_whitespace_only_edit_of_the_base_layout(on_disk: Path) -> None:
    before = chain_hash(fs_env(on_disk), "page.py.jinja2")
    layout = on_disk / "layouts/base.jinja2"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert chain_hash(fs_env(on_disk), "page.py.jinja2") != before


def test_chain_hash_ignores_unrelated_templates(on_disk: Path) -> None:
    before = chain_hash(fs_env(on_disk), "page.py.jinja2")
    write(on_disk, "unrelated.jinja2", "completely different\n")
    write(on_disk, "layouts/other.jinja2", "a new neighbour\n")
    assert chain_hash(fs_env(on_disk), "page.py.jinja2") == before


def test_chain_hash_changes_when_the_chain_gains_a_member(on_disk: Path) -> None:
    before = chain_hash(fs_env(on_disk), "page.py.jinja2")
    write(on_disk, "extra.jinja2", "")
    partial = on_disk / "partials/box.jinja2"
    partial.write_text(partial.read_text(encoding="utf-8") + '{% include "extra.jinja2" %}')
    env = fs_env(on_disk)
    assert "extra.jinja2" in template_chain(env, "page.py.jinja2")
    assert chain_hash(env, "page.py.jinja2") != before
