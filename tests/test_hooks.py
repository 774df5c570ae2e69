import importlib
import textwrap

import jinja2
import pluggy
import pytest

from scaffold_core import PluginHooks
from scaffold_core.hooks import ScaffoldHookSpecs
from scaffold_core.hooks.specs import PROJECT_NAME
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


def register(tmp_path, monkeypatch, **sources: str) -> tuple[PluginHooks, list[str]]:
    """Each source as an extension module, registered in the order given; and the modules."""
    modules = []
    for name, body in sources.items():
        module = f"{tmp_path.name}_{name}"
        header = "import pluggy\n\nfrom scaffold_core import hookimpl\n\n"
        (tmp_path / f"{module}.py").write_text(header + textwrap.dedent(body))
        modules.append(module)
    monkeypatch.syspath_prepend(str(tmp_path))
    return PluginHooks([entry(n, m) for n, m in zip(sources, modules, strict=True)]), modules


def appending(letter: str, options: str = "") -> str:
    return f"""
        @hookimpl{options}
        def scaffold_transform_output(content):
            return content + {letter!r}
        """


def test_transforms_chain_in_pluggy_call_order(tmp_path, monkeypatch):
    hooks, modules = register(
        tmp_path,
        monkeypatch,
        a=appending("a"),
        b=appending("b", "(trylast=True)"),
        c=appending("c", "(tryfirst=True)"),
        d=appending("d"),
        e=appending("e", "(tryfirst=True)"),
    )
    # tryfirst ones, then the others, then trylast ones; the last registered first in each.
    assert hooks.transform_output("x", "py", ">") == ">ecdab"
    plain = pluggy.PluginManager(PROJECT_NAME)
    plain.add_hookspecs(ScaffoldHookSpecs)
    for module in modules:
        plain.register(importlib.import_module(module))
    called = plain.hook.scaffold_transform_output(artifact_id="x", extension="py", content="")
    assert ">" + "".join(called) == hooks.transform_output("x", "py", ">")


def test_a_transform_returning_none_leaves_the_content(tmp_path, monkeypatch):
    hooks, _ = register(
        tmp_path,
        monkeypatch,
        first=appending("1"),
        second="""
        @hookimpl
        def scaffold_transform_output(content, extension):
            return None if extension == "md" else content + "2"
        """,
    )
    assert hooks.transform_output("x", "py", "") == "21"
    assert hooks.transform_output("x", "md", "") == "1"


def test_wrappers_wrap_the_whole_chain(tmp_path, monkeypatch):
    hooks, _ = register(
        tmp_path,
        monkeypatch,
        outer="""
        SEEN = []

        @hookimpl(wrapper=True, tryfirst=True)
        def scaffold_transform_output(content):
            SEEN.append(content)
            result = yield
            SEEN.append(result)
            return f"[{result}]"
        """,
        plain=appending("p"),
        inner="""
        @hookimpl(wrapper=True)
        def scaffold_transform_output(content):
            return f"({(yield)})"
        """,
        old_style="""
        @hookimpl(hookwrapper=True, trylast=True)
        def scaffold_transform_output(content):
            outcome = yield
            outcome.force_result(outcome.get_result().upper())
        """,
        last=appending("z", "(trylast=True)"),
    )
    assert hooks.transform_output("x", "py", "c") == "[(CPZ)]"
    outer = importlib.import_module(f"{tmp_path.name}_outer")
    assert outer.SEEN == ["c", "(CPZ)"]


def test_a_wrapper_returning_none_keeps_the_result(tmp_path, monkeypatch):
    hooks, _ = register(
        tmp_path,
        monkeypatch,
        plain=appending("p"),
        logger="""
        @hookimpl(wrapper=True)
        def scaffold_transform_output():
            yield
        """,
        observer="""
        @hookimpl(hookwrapper=True)
        def scaffold_transform_output():
            yield
        """,
    )
    assert hooks.transform_output("x", "py", "c") == "cp"


def test_a_wrapper_sees_and_may_handle_a_failing_transform(tmp_path, monkeypatch):
    failing = """
        @hookimpl
        def scaffold_transform_output(content):
            raise ValueError("formatter crashed")
        """
    hooks, _ = register(
        tmp_path,
        monkeypatch,
        failing=failing,
        fallback="""
        @hookimpl(wrapper=True)
        def scaffold_transform_output(content):
            try:
                return (yield)
            except ValueError:
                return content + " (unformatted)"
        """,
    )
    assert hooks.transform_output("x", "py", "c") == "c (unformatted)"
    unwrapped, _ = register(tmp_path, monkeypatch, failing_alone=failing)
    with pytest.raises(ValueError, match="formatter crashed"):
        unwrapped.transform_output("x", "py", "c")


def test_an_old_style_wrapper_sees_a_failure_in_its_outcome(tmp_path, monkeypatch):
    hooks, _ = register(
        tmp_path,
        monkeypatch,
        failing="""
        @hookimpl
        def scaffold_transform_output(content):
            raise ValueError("formatter crashed")
        """,
        rescue="""
        @hookimpl(hookwrapper=True)
        def scaffold_transform_output(content):
            outcome = yield
            if outcome.exception is not None:
                outcome.force_result(content)
        """,
    )
    assert hooks.transform_output("x", "py", "c") == "c"
    passive, _ = register(
        tmp_path,
        monkeypatch,
        failing_again="""
        @hookimpl
        def scaffold_transform_output(content):
            raise ValueError("formatter crashed")
        """,
        observer="""
        @hookimpl(hookwrapper=True)
        def scaffold_transform_output(content):
            yield
        """,
    )
    with pytest.raises(ValueError, match="formatter crashed"):
        passive.transform_output("x", "py", "c")


def test_a_wrapper_failing_after_its_yield_fails_the_chain_for_outer_wrappers(
    tmp_path, monkeypatch
):
    new_style_fails, _ = register(
        tmp_path,
        monkeypatch,
        failing="""
        @hookimpl(wrapper=True, trylast=True)
        def scaffold_transform_output():
            yield
            raise LookupError("new-style teardown")
        """,
        rescue="""
        @hookimpl(hookwrapper=True)
        def scaffold_transform_output():
            outcome = yield
            outcome.force_result(f"rescued {outcome.exception!r}")
        """,
    )
    assert new_style_fails.transform_output("x", "py", "c") == (
        "rescued LookupError('new-style teardown')"
    )
    old_style_fails, _ = register(
        tmp_path,
        monkeypatch,
        old_failing="""
        @hookimpl(hookwrapper=True, trylast=True)
        def scaffold_transform_output():
            yield
            raise KeyError("old-style teardown")
        """,
        new_rescue="""
        @hookimpl(wrapper=True)
        def scaffold_transform_output():
            try:
                yield
            except KeyError as error:
                return f"rescued {error!r}"
        """,
    )
    assert old_style_fails.transform_output("x", "py", "c") == (
        "rescued KeyError('old-style teardown')"
    )


@pytest.mark.parametrize(
    ("source", "error", "message"),
    [
        (
            "@hookimpl\ndef scaffold_transform_output(content):\n    return 3\n",
            TypeError,
            (
                r"scaffold_transform_output of plugin 'fixture-plugins:bad' returned int,"
                " expected str or None"
            ),
        ),
        (
            (
                "@hookimpl(wrapper=True)\ndef scaffold_transform_output(content):\n"
                "    return (yield) and b''\n"
            ),
            TypeError,
            "returned bytes",
        ),
        (
            (
                "@hookimpl(wrapper=True)\ndef scaffold_transform_output(content):\n"
                "    if False:\n        yield\n"
            ),
            RuntimeError,
            "hook wrapper scaffold_transform_output of plugin 'fixture-plugins:bad' did not yield",
        ),
        (
            (
                "@hookimpl(wrapper=True)\ndef scaffold_transform_output(content):\n"
                "    yield\n    yield\n"
            ),
            RuntimeError,
            "has a second yield",
        ),
        (
            (
                "@hookimpl(hookwrapper=True)\ndef scaffold_transform_output(content):\n"
                "    yield\n    yield\n"
            ),
            RuntimeError,
            "has a second yield",
        ),
    ],
    ids=["plain-result", "wrapper-result", "no-yield", "second-yield", "old-style-second"],
)
def test_a_broken_transform_is_named(tmp_path, monkeypatch, source, error, message):
    hooks, _ = register(tmp_path, monkeypatch, bad=source)
    with pytest.raises(error, match=message):
        hooks.transform_output("x", "py", "c")


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
