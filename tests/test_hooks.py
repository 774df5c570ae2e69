import jinja2

from scaffold_core import PluginHooks
from tests.conftest import entry


def test_core_checks_are_registered_through_the_hook():
    hooks = PluginHooks([])
    assert hooks.check_output("x", "py", "x = 1\n") == []
    (problem,) = hooks.check_output("x", "py", "def broken(:\n")
    assert "does not parse" in problem
    assert "(output line 1: 'def broken(:')" in problem
    assert hooks.check_output("x", "md", "\n# Title\n\ntext\n") == []
    (problem,) = hooks.check_output("x", "md", "no heading\n")
    assert "'# Title' heading" in problem
    assert hooks.check_output("x", "md", "## Only a subheading\n") != []
    assert hooks.check_output("x", "txt", "anything") == []


def test_extension_hooks_are_called():
    hooks = PluginHooks([entry("shout", "extensions")])
    assert hooks.failures == []
    environment = jinja2.Environment(autoescape=False)
    hooks.extend_environment(environment)
    assert environment.from_string("{{ 'a' | shout }}").render() == "A"
    assert hooks.transform_output("x", "md", "TODO: x") == "FIXME: x"
    assert hooks.check_output("x", "txt", "FORBIDDEN") == ["content mentions FORBIDDEN"]


def test_transforms_chain_in_registration_order(tmp_path, monkeypatch):
    (tmp_path / "first_transform.py").write_text(
        "from scaffold_core import hookimpl\n\n"
        "@hookimpl\ndef scaffold_transform_output(content):\n    return content + '1'\n"
    )
    (tmp_path / "second_transform.py").write_text(
        "from scaffold_core import hookimpl\n\n"
        "@hookimpl\ndef scaffold_transform_output(content, extension):\n"
        "    return None if extension == 'md' else content + '2'\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    hooks = PluginHooks([entry("a", "first_transform"), entry("b", "second_transform")])
    assert hooks.transform_output("x", "py", "") == "12"
    assert hooks.transform_output("x", "md", "") == "1"


def test_broken_extensions_are_reported_not_raised(tmp_path, monkeypatch):
    (tmp_path / "bad_hook_name.py").write_text(
        "from scaffold_core import hookimpl\n\n@hookimpl\ndef scaffold_no_such_hook():\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    hooks = PluginHooks(
        [
            entry("gone", "no_such_module_anywhere", "acme-ext"),
            entry("bad", "bad_hook_name", "acme-ext"),
            entry("shout", "extensions"),
        ]
    )
    assert len(hooks.failures) == 2
    first, second = (str(failure) for failure in hooks.failures)
    assert "acme-ext 1.0" in first
    assert "ModuleNotFoundError" in first
    assert "scaffold_no_such_hook" in second
    assert hooks.transform_output("x", "md", "TODO") == "FIXME"


def test_markdown_check_finds_empty_sections():
    hooks = PluginHooks([])
    text = "# Title\n\n## Empty\n\n## Full\n\ntext\n\n### Sub\n"
    assert hooks.check_output("x", "md", text) == [
        "generated Markdown has an empty section: '## Empty' (output line 3)",
        "generated Markdown has an empty section: '### Sub' (output line 9)",
    ]
    assert hooks.check_output("x", "md", "# Title\n\n## A\n\n### B\n\ntext\n") == []


def test_comments_in_code_fences_are_not_headings():
    hooks = PluginHooks([])
    text = "# Title\n\n## Usage\n\n```python\n# Build the client first.\n\n# Then call it.\n```\n"
    assert hooks.check_output("x", "md", text) == []
    assert hooks.check_output("x", "md", "# Title\n\n````\n```\n# x\n````\n\n## Empty\n") == [
        "generated Markdown has an empty section: '## Empty' (output line 8)"
    ]
