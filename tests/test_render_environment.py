"""The Jinja environment, the shared template library, the lifecycle header."""

import ast
import re
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import jinja2
import pytest

from scaffold_core.discover import ArtifactType, PluginEntry
from scaffold_core.errors import ScaffoldError, TemplateFailed
from scaffold_core.hooks import PluginHooks
from scaffold_core.render import (
    COMMENT_SYNTAX,
    TemplateEnvironment,
    chain_hash,
    header_line,
    shared_library_path,
    template_chain,
    with_header,
)
from scaffold_core.render.filters import FILTERS
from scaffold_schemas import BaseContext, BaseRenderContext, LifecycleMixin

LAYOUT = "layouts/python_module.py.jinja2"
MACROS = "macros/python.jinja2"


class ThingContext(BaseContext):
    """A minimal user context for a fake artifact plugin."""


class ThingRenderContext(ThingContext, BaseRenderContext):
    """Its render context."""


def make_artifact(artifact_id: str, template_dir: Path, template_file: str) -> ArtifactType:
    entry = PluginEntry(
        name=artifact_id, value="fake_plugin:ThingContext", distribution="fake", version="1"
    )
    return ArtifactType(entry, ThingContext, ThingRenderContext, template_dir, template_file)


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A small shared library: one layout that imports one macro file."""
    root = tmp_path / "library"
    write(
        root,
        "layouts/page.txt.jinja2",
        '{% import "macros/text.jinja2" as text %}\n'
        "[{% block title %}{% endblock %}]\n"
        "{{ text.rule() }}\n"
        "{% block body %}{% endblock %}\n",
    )
    write(root, "macros/text.jinja2", "{% macro rule() %}----{% endmacro %}\n")
    return root


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    root = tmp_path / "plugin" / "templates"
    write(
        root,
        "thing.txt.jinja2",
        '{% extends "layouts/page.txt.jinja2" %}\n'
        "{% block title %}{{ title }}{% endblock %}\n"
        "{% block body %}\n"
        "body of {{ title }}\n"
        "{% endblock %}\n",
    )
    write(root, "undefined.txt.jinja2", "line one\nline two\n{{ not_given }}\nline four\n")
    write(root, "broken.txt.jinja2", "line one\nline two\n{% if %}\n{% endif %}\n")
    write(root, "nones.txt.jinja2", "[{{ value }}][{{ item.missing_value }}]\n")
    return root


@pytest.fixture
def env(library: Path, plugin_dir: Path) -> TemplateEnvironment:
    environment = TemplateEnvironment(PluginHooks(entries=[]), shared_library=library)
    environment.add_artifact(make_artifact("thing", plugin_dir, "thing.txt.jinja2"))
    return environment


# --- rendering and errors ---------------------------------------------------------------


def test_plugin_template_extends_a_shared_layout_by_name(env: TemplateEnvironment) -> None:
    assert env.render("thing/thing.txt.jinja2", {"title": "Hello"}) == (
        "[Hello]\n----\nbody of Hello\n"
    )


def test_shared_library_templates_are_reachable_by_their_own_path(
    env: TemplateEnvironment,
) -> None:
    assert env.render("macros/text.jinja2", {}) == ""
    assert env.jinja.get_template("layouts/page.txt.jinja2").filename is not None


def test_plugin_templates_are_unreachable_before_add_artifact(
    library: Path, plugin_dir: Path
) -> None:
    environment = TemplateEnvironment(PluginHooks(entries=[]), shared_library=library)
    with pytest.raises(TemplateFailed, match=r"thing/thing\.txt\.jinja2"):
        environment.render("thing/thing.txt.jinja2", {"title": "x"})
    environment.add_artifact(make_artifact("thing", plugin_dir, "thing.txt.jinja2"))
    assert environment.render("thing/thing.txt.jinja2", {"title": "x"}).startswith("[x]")


def test_add_artifact_keeps_the_first_folder_for_an_id(
    env: TemplateEnvironment, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    write(other, "thing.txt.jinja2", "impostor\n")
    env.add_artifact(make_artifact("thing", other, "thing.txt.jinja2"))
    assert env.render("thing/thing.txt.jinja2", {"title": "T"}).startswith("[T]")


def test_two_plugins_are_namespaced_by_artifact_id(
    env: TemplateEnvironment, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    write(other, "thing.txt.jinja2", "other plugin\n")
    env.add_artifact(make_artifact("other", other, "thing.txt.jinja2"))
    assert env.render("other/thing.txt.jinja2", {}) == "other plugin\n"
    assert env.render("thing/thing.txt.jinja2", {"title": "T"}).startswith("[T]")


def test_undefined_variable_raises_template_failed_naming_template_and_line(
    env: TemplateEnvironment,
) -> None:
    with pytest.raises(TemplateFailed) as raised:
        env.render("thing/undefined.txt.jinja2", {})
    message = str(raised.value)
    assert "thing/undefined.txt.jinja2" in message
    assert "line 3" in message
    assert "not_given" in message
    assert isinstance(raised.value.__cause__, jinja2.UndefinedError)
    assert isinstance(raised.value, ScaffoldError)


def test_undefined_variable_in_the_layout_names_the_layout_file(
    env: TemplateEnvironment, library: Path
) -> None:
    write(
        library,
        "layouts/page.txt.jinja2",
        "first\n{{ layout_only }}\n{% block body %}{% endblock %}",
    )
    with pytest.raises(TemplateFailed) as raised:
        env.render("thing/thing.txt.jinja2", {"title": "T"})
    message = str(raised.value)
    assert "thing/thing.txt.jinja2" in message
    assert "page.txt.jinja2, line 2" in message
    assert "layout_only" in message


def test_undefined_attribute_is_strict_too(env: TemplateEnvironment) -> None:
    with pytest.raises(TemplateFailed, match="missing_value"):
        env.render("thing/nones.txt.jinja2", {"value": 1, "item": {}})


def test_syntax_error_raises_template_failed_naming_file_and_line(
    env: TemplateEnvironment, plugin_dir: Path
) -> None:
    with pytest.raises(TemplateFailed) as raised:
        env.render("thing/broken.txt.jinja2", {})
    message = str(raised.value)
    assert "thing/broken.txt.jinja2" in message
    assert str(plugin_dir / "broken.txt.jinja2") in message
    assert "line 3" in message
    assert isinstance(raised.value.__cause__, jinja2.TemplateSyntaxError)


def test_syntax_error_in_a_shared_macro_names_the_macro_file(
    env: TemplateEnvironment, library: Path
) -> None:
    write(library, "macros/text.jinja2", "{% macro rule() %}\n----\n{{ }}\n{% endmacro %}\n")
    with pytest.raises(TemplateFailed) as raised:
        env.render("thing/thing.txt.jinja2", {"title": "T"})
    assert re.search(r"macros/text\.jinja2, line 3", str(raised.value))


def test_missing_template_raises_template_failed(env: TemplateEnvironment) -> None:
    with pytest.raises(TemplateFailed, match=r"thing/absent\.txt\.jinja2"):
        env.render("thing/absent.txt.jinja2", {})


def test_version_hash_of_a_template_with_a_syntax_error_raises_template_failed(
    env: TemplateEnvironment,
) -> None:
    # The v2 pipeline asks for the version hash before it renders, and the CLI only turns
    # ScaffoldError into a message: a template bug must surface as TemplateFailed here too.
    with pytest.raises(TemplateFailed, match=r"broken\.txt\.jinja2.*line 3"):
        env.version_hash("thing/broken.txt.jinja2")


def test_none_renders_as_empty_string(env: TemplateEnvironment) -> None:
    out = env.render("thing/nones.txt.jinja2", {"value": None, "item": {"missing_value": None}})
    assert out == "[][]\n"
    assert "None" not in env.jinja.from_string("{{ a }}|{{ b.c }}").render(a=None, b={"c": None})


def test_false_and_zero_still_render(env: TemplateEnvironment) -> None:
    assert env.jinja.from_string("{{ a }} {{ b }} {{ c }}").render(a=False, b=0, c="") == (
        "False 0 "
    )


def test_environment_options_for_code_generation(env: TemplateEnvironment) -> None:
    template = env.jinja.from_string("{% if true %}\n    <kept> & {{ x }}\n{% endif %}\nend\n")
    # trim_blocks + lstrip_blocks: block lines vanish; no HTML escaping; trailing newline kept.
    assert template.render(x="<a>") == "    <kept> & <a>\nend\n"


def test_do_and_loop_controls_are_enabled(env: TemplateEnvironment) -> None:
    template = env.jinja.from_string(
        "{% set xs = [] %}{% for i in range(5) %}{% if i == 3 %}{% break %}{% endif %}"
        "{% do xs.append(i) %}{% endfor %}{{ xs }}"
    )
    assert template.render() == "[0, 1, 2]"


def test_undefined_policy_can_be_relaxed(library: Path) -> None:
    environment = TemplateEnvironment(
        PluginHooks(entries=[]), shared_library=library, undefined=jinja2.Undefined
    )
    assert environment.jinja.from_string("[{{ nothing }}]").render() == "[]"


def test_default_shared_library_is_the_real_one() -> None:
    environment = TemplateEnvironment(PluginHooks(entries=[]))
    assert environment.jinja.get_template(LAYOUT) is not None
    assert environment.jinja.get_template(MACROS) is not None


# --- filters and extensions -------------------------------------------------------------


def test_core_filters_are_registered(env: TemplateEnvironment) -> None:
    for name, function in FILTERS.items():
        assert env.jinja.filters[name] is function
    assert set(FILTERS) >= {
        "snake",
        "kebab",
        "pascal",
        "lower",
        "python_string",
        "python_literal",
        "docstring_text",
        "python_imports",
    }
    rendered = env.jinja.from_string(
        '{{ "OrderDTOWorker" | snake }} {{ "order_worker" | pascal }} {{ text | python_string }}'
    ).render(text='say "hi"')
    assert rendered == "order_dto_worker OrderWorker 'say \"hi\"'"


@pytest.fixture
def extension_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An importable, uniquely named module holding a scaffold.plugins extension."""
    name = f"scaffold_test_extension_{uuid.uuid4().hex}"
    write(
        tmp_path / "ext",
        f"{name}.py",
        "from scaffold_core.hooks import hookimpl\n"
        "\n"
        "\n"
        "class Extension:\n"
        "    @hookimpl\n"
        "    def scaffold_extend_environment(self, environment):\n"
        '        environment.filters["shout"] = lambda text: text.upper() + "!"\n'
        '        environment.globals["extended_by"] = "test extension"\n'
        "\n"
        "\n"
        "extension = Extension()\n",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "ext"))
    yield name
    sys.modules.pop(name, None)


def test_extension_can_add_a_filter_and_a_global(extension_module: str, library: Path) -> None:
    entry = PluginEntry(
        name="shouter", value=f"{extension_module}:extension", distribution="d", version="1"
    )
    hooks = PluginHooks(entries=[entry])
    assert hooks.failures == []
    environment = TemplateEnvironment(hooks, shared_library=library)
    assert environment.jinja.from_string("{{ 'hi' | shout }} {{ extended_by }}").render() == (
        "HI! test extension"
    )
    # the core's own filters are still there
    assert environment.jinja.filters["python_string"] is FILTERS["python_string"]


def test_without_the_extension_the_filter_is_unknown(library: Path) -> None:
    environment = TemplateEnvironment(PluginHooks(entries=[]), shared_library=library)
    assert "shout" not in environment.jinja.filters


# --- version hash -----------------------------------------------------------------------


def test_version_hash_equals_the_chain_hash(env: TemplateEnvironment) -> None:
    name = "thing/thing.txt.jinja2"
    value = env.version_hash(name)
    assert re.fullmatch(r"[0-9a-f]{8}", value)
    assert value == chain_hash(env.jinja, name)
    assert template_chain(env.jinja, name) == [
        name,
        "layouts/page.txt.jinja2",
        "macros/text.jinja2",
    ]


def test_version_hash_is_cached_for_the_process(
    env: TemplateEnvironment, library: Path, plugin_dir: Path
) -> None:
    name = "thing/thing.txt.jinja2"
    first = env.version_hash(name)
    layout = library / "layouts/page.txt.jinja2"
    layout.write_text(layout.read_text(encoding="utf-8") + "changed\n", encoding="utf-8")
    assert env.version_hash(name) == first
    fresh = TemplateEnvironment(PluginHooks(entries=[]), shared_library=library)
    fresh.add_artifact(make_artifact("thing", plugin_dir, "thing.txt.jinja2"))
    assert fresh.version_hash(name) != first


def test_version_hash_is_per_template(env: TemplateEnvironment) -> None:
    assert env.version_hash("thing/thing.txt.jinja2") != env.version_hash(
        "thing/undefined.txt.jinja2"
    )


# --- the real shared library ------------------------------------------------------------


def test_shared_library_path_holds_the_layout_and_macros() -> None:
    path = shared_library_path()
    assert path.is_dir()
    assert (path / LAYOUT).is_file()
    assert (path / MACROS).is_file()


@pytest.fixture(scope="module")
def real() -> TemplateEnvironment:
    return TemplateEnvironment(PluginHooks(entries=[]), shared_library=shared_library_path())


def docstring(real: TemplateEnvironment, text: str, indent: int) -> str:
    template = real.jinja.from_string(
        '{% import "macros/python.jinja2" as py %}{{ py.docstring(text, indent) }}'
    )
    return template.render(text=text, indent=indent)


def parsed_docstring(source: str, indent: int) -> str | None:
    """The docstring ``source`` defines, as Python reads it (indent 4: a class body)."""
    if indent == 0:
        return ast.get_docstring(ast.parse(source), clean=False)
    tree = ast.parse("class Holder:\n" + source + "\n")
    node = tree.body[0]
    assert isinstance(node, ast.ClassDef)
    return ast.get_docstring(node)


@pytest.mark.parametrize("indent", [0, 4, 8])
def test_single_line_docstring(real: TemplateEnvironment, indent: int) -> None:
    out = docstring(real, "Do one thing.", indent)
    assert out == " " * indent + '"""Do one thing."""'


def test_multi_line_docstring_layout(real: TemplateEnvironment) -> None:
    text = "Summary line.\n\nFirst body line.\n  nested detail\nLast body line."
    out = docstring(real, text, 4)
    assert out.splitlines() == [
        '    """Summary line.',
        "",
        "    First body line.",
        "      nested detail",
        "    Last body line.",
        '    """',
    ]
    assert parsed_docstring(out, 4) == text


def test_multi_line_docstring_at_module_level(real: TemplateEnvironment) -> None:
    text = "Summary.\n\nBody."
    out = docstring(real, text, 0)
    assert out == '"""Summary.\n\nBody.\n"""'
    assert ast.get_docstring(ast.parse(out)) == text


def test_blank_lines_inside_a_docstring_carry_no_indentation(real: TemplateEnvironment) -> None:
    out = docstring(real, "Summary.\n\nPara one.\n   \nPara two.", 8)
    assert all(line == line.rstrip() for line in out.splitlines())
    assert out.splitlines()[3] == ""


@pytest.mark.parametrize(
    "text",
    [
        'Has """triple quotes""" inside.',
        "Has a back\\slash and \\n escape-looking text.",
        'Both: \\""" and a trailing backslash\\',
        'Summary with """.\n\nBody with \\ and """ too.\nEnds with backslash \\',
        "Ends with backslash \\",
    ],
)
@pytest.mark.parametrize("indent", [0, 4])
def test_docstring_escapes_quotes_and_backslashes(
    real: TemplateEnvironment, text: str, indent: int
) -> None:
    out = docstring(real, text, indent)
    assert parsed_docstring(out, indent).strip() == text.strip()


@pytest.mark.parametrize(
    "text",
    ['Wraps the "order"', 'Ends in two quotes ""'],
)
@pytest.mark.parametrize("indent", [0, 4])
def test_single_line_docstring_ending_in_a_quote_stays_valid(
    real: TemplateEnvironment, text: str, indent: int
) -> None:
    out = docstring(real, text, indent)
    assert parsed_docstring(out, indent) == text


def pydantic_field(real: TemplateEnvironment, **field: object) -> str:
    template = real.jinja.from_string(
        '{% import "macros/pydantic.jinja2" as pd %}{{ pd.field(field) }}'
    )
    return template.render(field={"default": None, "description": None, **field})


def field_call(line: str) -> ast.AnnAssign:
    node = ast.parse("class Holder:\n" + line + "\n").body[0]
    assert isinstance(node, ast.ClassDef)
    statement = node.body[0]
    assert isinstance(statement, ast.AnnAssign)
    return statement


def test_pydantic_field_without_default_or_description(real: TemplateEnvironment) -> None:
    out = pydantic_field(real, name="order_id", type="int")
    assert out == "    order_id: int"
    assert field_call(out).value is None


def test_pydantic_field_with_default_only(real: TemplateEnvironment) -> None:
    out = pydantic_field(real, name="tags", type="list[str]", default="[]")
    assert out == "    tags: list[str] = Field(default=[])"
    field_call(out)


def test_pydantic_field_with_description_only(real: TemplateEnvironment) -> None:
    out = pydantic_field(real, name="name", type="str", description='The "display" name\\.')
    assert out == "    name: str = Field(description='The \"display\" name\\\\.')"
    call = field_call(out).value
    assert isinstance(call, ast.Call)
    assert [k.arg for k in call.keywords] == ["description"]
    assert ast.literal_eval(call.keywords[0].value) == 'The "display" name\\.'


def test_pydantic_field_with_default_and_description(real: TemplateEnvironment) -> None:
    out = pydantic_field(
        real, name="count", type="int | None", default="None", description="How many."
    )
    assert out == '    count: int | None = Field(default=None, description="How many.")'
    call = field_call(out).value
    assert isinstance(call, ast.Call)
    assert [k.arg for k in call.keywords] == ["default", "description"]


@pytest.fixture
def module_env(tmp_path: Path) -> TemplateEnvironment:
    plugin = tmp_path / "module_plugin"
    write(
        plugin,
        "mod.py.jinja2",
        f'{{% extends "{LAYOUT}" %}}\n'
        "{% block docstring %}\n{{ summary }}\n{% endblock %}\n"
        "{% block imports %}\n{{ names | python_imports }}\n{% endblock %}\n"
        "{% block body %}\n\nVALUE = 1\n\n\ndef f() -> int:\n    return VALUE\n{% endblock %}\n",
    )
    environment = TemplateEnvironment(
        PluginHooks(entries=[]), shared_library=shared_library_path()
    )
    environment.add_artifact(make_artifact("mod", plugin, "mod.py.jinja2"))
    return environment


def test_python_module_layout_with_empty_imports(module_env: TemplateEnvironment) -> None:
    out = module_env.render("mod/mod.py.jinja2", {"summary": "A module.", "names": []})
    tree = ast.parse(out)
    assert ast.get_docstring(tree) == "A module."
    lines = out.splitlines()
    assert lines[:4] == ['"""A module."""', "", "", "VALUE = 1"]
    assert out.endswith("return VALUE\n")
    assert not out.endswith("\n\n")


def test_python_module_layout_with_imports(module_env: TemplateEnvironment) -> None:
    out = module_env.render(
        "mod/mod.py.jinja2",
        {"summary": "A module.\n\nMore detail.", "names": ["typing.Any", "pydantic.BaseModel"]},
    )
    ast.parse(out)
    assert out.startswith(
        '"""A module.\n\nMore detail.\n"""\n\n'
        "from typing import Any\n\nfrom pydantic import BaseModel\n\n\nVALUE = 1\n"
    )


def test_python_module_layout_chain(module_env: TemplateEnvironment) -> None:
    assert template_chain(module_env.jinja, "mod/mod.py.jinja2") == [
        "mod/mod.py.jinja2",
        LAYOUT,
        MACROS,
    ]


# --- header -----------------------------------------------------------------------------


def lifecycle(created: datetime) -> LifecycleMixin:
    return LifecycleMixin(
        output_path="src/pkg/order.py",
        scaffold_created=created,
        template_id="dto",
        version_hash="1a2b3c4d",
    )


PLUS_TWO = timezone(timedelta(hours=2))


def test_header_line_for_python_converts_to_utc() -> None:
    created = datetime(2024, 5, 1, 14, 30, 5, 123456, tzinfo=PLUS_TWO)
    assert header_line("py", lifecycle(created)) == (
        "# scaffold: template=dto version=1a2b3c4d created=2024-05-01T12:30:05Z"
        " path=src/pkg/order.py"
    )


def test_header_line_utc_conversion_can_cross_a_date() -> None:
    created = datetime(2024, 1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert "created=2023-12-31T19:30:00Z" in header_line("py", lifecycle(created))
    west = datetime(2024, 12, 31, 23, 0, 0, tzinfo=timezone(timedelta(hours=-3)))
    assert "created=2025-01-01T02:00:00Z" in header_line("py", lifecycle(west))


def test_header_line_for_markdown() -> None:
    created = datetime(2024, 5, 1, 12, 30, 5, tzinfo=UTC)
    assert header_line("md", lifecycle(created)) == (
        "<!-- scaffold: template=dto version=1a2b3c4d created=2024-05-01T12:30:05Z"
        " path=src/pkg/order.py -->"
    )


def test_header_line_format_is_machine_readable() -> None:
    created = datetime(2024, 5, 1, 12, 30, 5, tzinfo=PLUS_TWO)
    line = header_line("py", lifecycle(created))
    assert re.fullmatch(
        r"# scaffold: template=\w+ version=[0-9a-f]{8}"
        r" created=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ path=\S+",
        line,
    )


def test_with_header_puts_the_line_first() -> None:
    created = datetime(2024, 5, 1, 12, 30, 5, tzinfo=PLUS_TWO)
    body = '"""Module."""\n\nX = 1\n'
    out = with_header("py", lifecycle(created), body)
    first, rest = out.split("\n", 1)
    assert first == header_line("py", lifecycle(created))
    assert rest == body
    ast.parse(out)
    md = with_header("md", lifecycle(created), "# Title\n")
    assert md.splitlines()[1] == "# Title"
    assert md.startswith("<!-- scaffold: ")


def test_comment_syntax_covers_python_and_markdown() -> None:
    assert COMMENT_SYNTAX["py"] == ("# ", "")
    assert COMMENT_SYNTAX["md"] == ("<!-- ", " -->")
