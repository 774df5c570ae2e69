"""The ``pytest11`` entry costs nothing until a test asks for a fixture: pytest imports
``scaffold_core.pytest_plugin`` at start-up in every environment scaffold-core is installed
in, so the module imports only pytest and the (empty) ``scaffold_core`` package. The cost
itself is measured by ``make bench`` (never asserted here)."""

import subprocess
import sys
import textwrap

HEAVY = ("pydantic", "jinja2", "pluggy", "yaml", "scaffold_core.", "scaffold_artifact_")


def _modules_after(code: str) -> list[str]:
    """The modules a fresh interpreter holds after ``code`` has set ``before`` and run."""
    script = code + "\nprint('\\n'.join(sorted(set(sys.modules) - before)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_plugin_adds_only_itself_and_the_package_to_pytest():
    added = _modules_after(
        "import sys, pytest\nbefore = set(sys.modules)\nimport scaffold_core.pytest_plugin"
    )
    assert added == ["scaffold_core", "scaffold_core.pytest_plugin"]


def test_plugin_imports_no_dependency_of_the_core():
    added = _modules_after(
        "import sys\nbefore = set(sys.modules)\nimport scaffold_core.pytest_plugin"
    )
    heavy = [m for m in added if m.startswith(HEAVY) and m != "scaffold_core.pytest_plugin"]
    # pluggy comes with pytest itself (the test above shows the plugin adds nothing to it)
    assert [m for m in heavy if not m.startswith("pluggy")] == []


def test_core_is_imported_when_a_fixture_is_first_used(pytester):
    pytester.makepyfile(
        textwrap.dedent(
            """
            import sys

            def loaded():
                heavy = ("scaffold_core.", "pydantic", "jinja2")
                return sorted(m for m in sys.modules if m.startswith(heavy))

            def test_1_before_any_fixture():
                assert loaded() == ["scaffold_core.pytest_plugin"]

            def test_2_architecture(scaffold_architecture):
                scaffold_architecture.assert_valid("dto")
                assert "scaffold_core.architecture" in sys.modules

            def test_3_parity(scaffold_parity):
                assert scaffold_parity.assert_parity("dto").passed
            """
        )
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_fixtures_are_registered_by_the_entry_point(pytester):
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    text = result.stdout.str()
    assert "scaffold_architecture" in text
    assert "scaffold_parity" in text
