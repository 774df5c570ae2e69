"""Check a plugin distribution in a folder, before it is installed.

``scaffold new artifact_plugin`` writes a distribution; this is how the core tells its user
whether it passes, as it is, what the plugin's own tests will check once it is installed:
validate-architecture (strict) and parity for every artifact type it declares.
"""

import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

from scaffold_core.architecture import validate_architecture
from scaffold_core.discover import ArtifactRegistry, PluginEntry
from scaffold_core.hooks import PluginHooks
from scaffold_core.manager import ArtifactManager
from scaffold_core.parity import plugin_cases, run_parity

__all__ = ["distribution_failures"]

ARTIFACT_GROUP = "scaffold.artifacts"


def distribution_failures(folder: Path) -> list[str]:
    """The reports of every check the distribution in ``folder`` fails; empty if it passes.

    ``folder`` holds the distribution's ``pyproject.toml`` and its package, as scaffold
    writes them. Its ``scaffold.artifacts`` entry points are imported from the folder (its
    modules are forgotten again afterwards), checked by ``validate_architecture`` in strict
    mode and, when that passes, by ``run_parity`` on each type's examples and shipped cases
    (nothing to compare without a legacy template). Each failure is the check's text report.
    """
    project = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project.get("entry-points", {}).get(ARTIFACT_GROUP, {})
    entries = [
        PluginEntry(name, value, project["name"], str(project.get("version", "0")))
        for name, value in declared.items()
    ]
    registry = ArtifactRegistry(entries)
    with _importable(folder, {entry.module.partition(".")[0] for entry in entries}):
        report = validate_architecture(registry, [entry.name for entry in entries])
        if report.failed(strict=True):
            return [report.as_text(strict=True)]
        with TemporaryDirectory() as scratch:
            manager = ArtifactManager(scratch, registry=registry, hooks=PluginHooks([]))
            parity = [
                run_parity(manager, entry.name, plugin_cases(manager.artifact(entry.name)))
                for entry in entries
            ]
    return [result.as_text() for result in parity if not result.passed]


@contextmanager
def _importable(folder: Path, packages: set[str]) -> Iterator[None]:
    """``packages`` imported from ``folder`` within the block, and not after it."""
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.partition(".")[0] in packages]:
            del sys.modules[name]
