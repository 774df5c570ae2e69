"""pytest plugin (entry point ``pytest11``): contract and parity checks for plugin authors.

In a plugin's own test suite::

    def test_contract(scaffold_architecture):
        scaffold_architecture.assert_valid("handler")

    def test_parity(scaffold_parity):
        scaffold_parity.assert_parity("handler")

The first runs validate-architecture on the installed plugin; the second runs the plugin's
examples, its shipped cases (``parity/<id>.yaml``) and any extra cases through both
pipelines. Each fails the test with the full report unless the check holds.

pytest imports this module at start-up in every environment where scaffold-core is
installed, so it imports nothing of the core but the (empty) package: each fixture imports
what it needs when a test first asks for it. ``tests/test_pytest_plugin_startup.py`` keeps
it that way.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from scaffold_core.architecture import ArchitectureReport
    from scaffold_core.manager import ArtifactManager
    from scaffold_core.parity import ParityCase, ParityReport

__all__ = ["ArchitectureChecker", "ParityChecker", "scaffold_architecture", "scaffold_parity"]


class ParityChecker:
    """Runs parity for installed artifact types inside a throwaway project."""

    def __init__(self, manager: "ArtifactManager") -> None:
        self.manager = manager

    def run(
        self,
        artifact_type: str,
        cases: Iterable["ParityCase"] = (),
        cases_file: Path | None = None,
    ) -> "ParityReport":
        """The report over the plugin's own cases plus ``cases`` and ``cases_file``."""
        from scaffold_core.parity import load_cases, plugin_cases, run_parity  # noqa: PLC0415

        all_cases = [*plugin_cases(self.manager.artifact(artifact_type)), *cases]
        if cases_file is not None:
            all_cases += load_cases(cases_file)
        return run_parity(self.manager, artifact_type, all_cases)

    def assert_parity(
        self,
        artifact_type: str,
        cases: Iterable["ParityCase"] = (),
        cases_file: Path | None = None,
    ) -> "ParityReport":
        """Like ``run``, but fail the test with the full report unless parity holds.

        A type without a legacy (v1) template has nothing to compare: the test is skipped
        with the reason.
        """
        report = self.run(artifact_type, cases, cases_file)
        if report.skipped is not None:
            pytest.skip(report.as_text().strip())
        if not report.passed:
            pytest.fail(report.as_text(), pytrace=False)
        return report


@pytest.fixture
def scaffold_parity(tmp_path: Path) -> ParityChecker:
    """A ``ParityChecker`` over the installed plugins, rendering into ``tmp_path``."""
    from scaffold_core.manager import ArtifactManager  # noqa: PLC0415 -- see the docstring

    return ParityChecker(ArtifactManager(tmp_path))


class ArchitectureChecker:
    """Runs validate-architecture on installed artifact types."""

    def assert_valid(self, *artifact_ids: str, strict: bool = False) -> "ArchitectureReport":
        """Fail the test with the report unless the types pass (all installed if none given)."""
        from scaffold_core.architecture import validate_architecture  # noqa: PLC0415

        report = validate_architecture(artifact_ids=artifact_ids or None)
        if report.failed(strict=strict):
            pytest.fail(report.as_text(strict=strict), pytrace=False)
        return report


@pytest.fixture
def scaffold_architecture() -> ArchitectureChecker:
    """An ``ArchitectureChecker`` over the installed plugins."""
    return ArchitectureChecker()
