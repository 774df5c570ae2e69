"""Architecture rules of the bundled plugins, as tests: what they import, how big they are.

A plugin declares data and imports only ``scaffold_schemas``, pydantic and the standard
library (never ``scaffold_core``), so that the rules live in shared building blocks; the
plugins' Python stays within the budget the plugin-contract revision set (ADR 0004).
"""

import ast
import sys
from pathlib import Path

import pytest

PLUGINS = Path(__file__).parent.parent / "plugins"
PLUGIN_MODULES = sorted(
    path for path in PLUGINS.glob("*/scaffold_artifact_*/**/*.py") if "tests" not in path.parts
)
ALLOWED_ROOTS = {"scaffold_schemas", "pydantic", "pydantic_core", "typing_extensions"}
PLUGIN_PYTHON_BUDGET = 2400  # lines, every plugin module together (4,084 before ADR 0004)
# artifact_plugin (issue 11) writes a whole plugin distribution: a budget of its own.
GENERATOR_PACKAGE, GENERATOR_BUDGET = "scaffold_artifact_artifact_plugin", 1550


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.partition(".")[0])
    return roots


def own_package(path: Path) -> str:
    return path.relative_to(PLUGINS).parts[1]


def test_plugin_modules_are_found():
    assert len({own_package(path) for path in PLUGIN_MODULES}) >= 18


@pytest.mark.parametrize("path", PLUGIN_MODULES, ids=lambda p: str(p.relative_to(PLUGINS)))
def test_plugin_imports_only_schemas_pydantic_and_the_standard_library(path):
    allowed = ALLOWED_ROOTS | set(sys.stdlib_module_names) | {own_package(path)}
    assert sorted(imported_roots(path) - allowed) == []


def test_plugin_python_stays_within_its_budget():
    lines = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in PLUGIN_MODULES}
    generator = sum(n for path, n in lines.items() if own_package(path) == GENERATOR_PACKAGE)
    total = sum(lines.values()) - generator
    assert total <= PLUGIN_PYTHON_BUDGET, f"{total} lines of plugin Python"
    assert generator <= GENERATOR_BUDGET, f"{generator} lines of {GENERATOR_PACKAGE}"
