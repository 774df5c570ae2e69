"""The core's own output checks, registered as an ordinary ``scaffold_check_output`` plugin.

Every check here reports a certain defect, whatever the project around the file: text that
cannot be written as UTF-8, Python that does not parse or compile, a name defined twice where
the second definition silently replaces the first (ruff's F811, also for fields and
attributes), Markdown without its title or with an empty section. Each problem names the
line of the rendered template output it is about (``output line N``, counted without the
header line scaffold adds).
"""

import ast
import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from scaffold_core.hooks.specs import hookimpl

__all__ = ["scaffold_check_output"]

_MARKDOWN_TITLE = re.compile(r"# \S")
_HEADING = re.compile(r"(#{1,6}) \S")
_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_END = re.compile(r"\r\n|\r|\n")  # Python's and CommonMark's line endings
_QUOTED_LINE_LENGTH = 60

Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


class Redefinition(NamedTuple):
    """A name bound a second time in one body before anything read its first binding."""

    scope: str
    name: str
    first_line: int
    line: int


@hookimpl
def scaffold_check_output(extension: str, content: str) -> list[str]:
    """Every problem of ``content`` the core can be sure of (an empty list when it is fine).

    Text that UTF-8 cannot encode; Python that does not parse or compile, or that defines a
    name twice in one scope; Markdown without its title heading or with an empty section.
    """
    surrogate = _SURROGATE.search(content)
    if surrogate is not None:
        where = _where(content, _line_of(content, surrogate.start()))
        character = f"U+{ord(surrogate.group()):04X}"
        return [f"generated text contains {character}, which UTF-8 cannot encode{where}"]
    if extension == "py":
        return _python_problems(content)
    if extension == "md":
        return _markdown_problems(content)
    return []


def _lines(content: str) -> list[str]:
    return _LINE_END.split(content)


def _line_of(content: str, offset: int) -> int:
    return len(_lines(content[:offset]))


def _where(content: str, line: int | None) -> str:
    """`` (output line N: 'its text')``, the text shortened to one readable fragment.

    Python's errors may lack a line number (``None``); the error is then about the start.
    """
    line = line or 1
    lines = _lines(content)
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if len(text) > _QUOTED_LINE_LENGTH:
        text = f"{text[: _QUOTED_LINE_LENGTH - 3]}..."
    return f" (output line {line}: {text!r})"


def _python_problems(content: str) -> list[str]:
    # The syntax tree is built, checked and freed (by reference counting) with the collector
    # paused: see ``_collector_paused``.
    with _collector_paused():
        return _tree_problems(content)


def _tree_problems(content: str) -> list[str]:
    # The parser refuses a NUL character without saying where it is.
    if "\0" in content:
        line = _line_of(content, content.index("\0"))
        return [f"generated Python contains a NUL character{_where(content, line)}"]
    try:
        tree = ast.parse(content)
    except SyntaxError as error:
        return [f"generated Python does not parse: {error.msg}{_where(content, error.lineno)}"]
    except (RecursionError, MemoryError):
        # CPython's parser overflows its stack on deep nesting (``- - - ... 1``) this way.
        return [_too_deep(content)]
    try:
        # Compiling the tree finds what the parser accepts but Python refuses to run:
        # 'return' outside a function, duplicate parameters, a late __future__ import...
        compile(tree, "<generated>", "exec", dont_inherit=True)
    except SyntaxError as error:
        return [f"generated Python does not compile: {error.msg}{_where(content, error.lineno)}"]
    except RecursionError:
        return [_too_deep(content)]
    return [
        f"generated Python defines '{found.name}' twice {found.scope}, first at output line"
        f" {found.first_line}{_where(content, found.line)}"
        for found in sorted(_redefinitions(tree), key=lambda redefinition: redefinition.line)
    ]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a large syntax tree lives.

    A tree holds no reference cycles (reference counting frees it), but its million nodes
    (a 100,000-field model) trigger collections that traverse them again and again: parsing
    and checking such a module took more than twice as long. Freed before the collector
    resumes, the tree leaves it no backlog.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _too_deep(content: str) -> str:
    # Python gives no position; an expression nested this deep makes a very long line.
    longest = max(enumerate(_lines(content), 1), key=lambda numbered: len(numbered[1]))[0]
    where = _where(content, longest)
    return f"generated Python is nested too deeply for Python to compile; longest line{where}"


def _redefinitions(tree: ast.Module) -> Iterator[Redefinition]:
    """Each name bound twice in one body.

    A body is the module's or a class's; a second binding counts when nothing read the first
    one before it was replaced.
    """
    yield from _redefinitions_in("at module level", tree.body)
    for node in _statements(tree):
        if isinstance(node, ast.ClassDef):
            yield from _redefinitions_in(f"in class {node.name}", node.body)


def _statements(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` but expressions, which hold no class (most of a module's nodes)."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        pending.extend(
            child for child in ast.iter_child_nodes(node) if not isinstance(child, ast.expr)
        )


def _redefinitions_in(scope: str, body: Sequence[ast.stmt]) -> Iterator[Redefinition]:
    latest: dict[str, tuple[int, ast.stmt]] = {}
    for index, statement in enumerate(body):
        for name in _bound_names(statement):
            if name in latest:
                earlier_index, earlier = latest[name]
                between = [*body[earlier_index + 1 : index], *_evaluated_first(statement)]
                if not _replaces_on_purpose(earlier, statement) and not _mentions(name, between):
                    yield Redefinition(scope, name, earlier.lineno, statement.lineno)
            latest[name] = (index, statement)


def _bound_names(statement: ast.stmt) -> list[str]:
    """The names a statement of a module or class body binds in that body."""
    if isinstance(statement, Definition):
        return [statement.name]
    if isinstance(statement, ast.AnnAssign):
        return [statement.target.id] if isinstance(statement.target, ast.Name) else []
    if isinstance(statement, ast.Assign):
        return [
            node.id
            for target in statement.targets
            for node in ast.walk(target)
            if isinstance(node, ast.Name)
        ]
    if isinstance(statement, ast.Import | ast.ImportFrom):
        # ``import a.b`` and ``import a.c`` both bind ``a`` and both are needed: not counted.
        return [
            alias.asname or alias.name
            for alias in statement.names
            if alias.name != "*" and (alias.asname or "." not in alias.name)
        ]
    return []


def _evaluated_first(statement: ast.stmt) -> list[ast.AST]:
    """The parts of a binding statement Python evaluates before it binds the name."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        return [*statement.decorator_list, statement.args, *filter(None, [statement.returns])]
    if isinstance(statement, ast.ClassDef):
        return [*statement.decorator_list, *statement.bases, *statement.keywords, *statement.body]
    if isinstance(statement, ast.Assign):
        return [statement.value]
    if isinstance(statement, ast.AnnAssign):
        return [statement.annotation, *filter(None, [statement.value])]
    return []


def _replaces_on_purpose(earlier: ast.stmt, later: ast.stmt) -> bool:
    """``@overload`` stubs before their implementation; ``x: int`` declared, then assigned."""
    if any(_is_overload(statement) for statement in (earlier, later)):
        return True
    return (
        isinstance(earlier, ast.AnnAssign)
        and earlier.value is None
        and isinstance(later, ast.Assign)
    )


def _is_overload(statement: ast.stmt) -> bool:
    if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    return any(
        (isinstance(decorator, ast.Name) and decorator.id == "overload")
        or (isinstance(decorator, ast.Attribute) and decorator.attr == "overload")
        for decorator in statement.decorator_list
    )


def _mentions(name: str, nodes: Sequence[ast.AST]) -> bool:
    """Whether any of ``nodes`` reads (or deletes, or rebinds in a nested block) ``name``."""
    return any(
        isinstance(node, ast.Name) and node.id == name for tree in nodes for node in ast.walk(tree)
    )


def _markdown_problems(content: str) -> list[str]:
    lines = [(number, line) for number, line in _outside_code_fences(content) if line.strip()]
    first_number, first_line = lines[0] if lines else (1, "")
    if not _MARKDOWN_TITLE.match(first_line):
        found = f"found {first_line!r} (output line {first_number})"
        return [f"generated Markdown must open with its '# Title' heading, {found}"]
    return [
        f"generated Markdown has an empty section: {line!r} (output line {number})"
        for (number, line), following in zip(lines, [*lines[1:], (0, None)], strict=True)
        if _is_empty_heading(line, following[1])
    ]


def _outside_code_fences(content: str) -> list[tuple[int, str]]:
    """The numbered Markdown lines, each fenced block reduced to its opening fence.

    A code block is content under its heading, but a ``# comment`` inside it is no heading.
    """
    lines: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(_lines(content), 1):
        marker = _FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)
            lines.append((number, line))
        elif fence is not None and marker and marker.group(1).startswith(fence):
            fence = None
        elif fence is None:
            lines.append((number, line))
    return lines


def _is_empty_heading(line: str, following: str | None) -> bool:
    """A heading with nothing under it before the next heading of the same or higher level."""
    heading = _HEADING.match(line)
    if heading is None:
        return False
    if following is None:
        return True
    next_heading = _HEADING.match(following)
    return next_heading is not None and len(next_heading.group(1)) <= len(heading.group(1))
