"""Shared fixtures: fixture plugins as entries or as installed distributions, a fixed clock."""

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scaffold_core import ArtifactManager, ArtifactRegistry, PluginEntry, PluginHooks
from tests.installed import FIXTURE_PLUGINS, write_distribution

FIXED_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

sys.path.insert(0, str(FIXTURE_PLUGINS))
# The tests (and the commands they start) keep scaffold's caches to themselves.
os.environ["SCAFFOLD_CACHE_DIR"] = tempfile.mkdtemp(prefix="scaffold-test-cache-")
# The v1 deprecation warning is silenced where it is not the subject (stderr is compared);
# tests/test_v1_deprecation.py sets the variable itself.
os.environ["SCAFFOLD_V1_WARNING"] = "0"
# A developer's exported SCAFFOLD_EVENTS would add .scaffold/events to every test project;
# tests/test_events.py and tests/test_stats.py turn the log on themselves.
os.environ.pop("SCAFFOLD_EVENTS", None)

pytest_plugins = ["pytester"]


def entry(name: str, value: str, distribution: str = "fixture-plugins") -> PluginEntry:
    """An entry point as if ``distribution`` 1.0 declared ``name = value``."""
    return PluginEntry(name=name, value=value, distribution=distribution, version="1.0")


BREAKERS = {
    "note": "breakers:NoteContext",
    "orphan": "breakers:OrphanContext",
    "misfit": "breakers:MisfitContext",
    "plain": "breakers:PlainContext",
    "widget": "breakers:Widget",
    "templateless": "breakers:TemplatelessContext",
    "loose": "breakers:LooseContext",
    "broken_python": "breakers:BrokenPythonContext",
    "odd_extension": "breakers:OddExtensionContext",
    "undefined_variable": "breakers:UndefinedVariableContext",
    "mismatch": "breakers:NoteContext",
    "two": "breakers:TwoContext",
    "drift": "breakers:DriftContext",
    "strict": "breakers:StrictContext",
    "redefine": "breakers:RedefineContext",
    "bad_legacy": "breakers:BadLegacyContext",
    "unknown_read": "breakers:UnknownReadContext",
    "attribute_typo": "breakers:AttributeTypoContext",
    "unread": "breakers:UnreadContext",
    "defensive": "breakers:DefensiveContext",
    "bad_example": "breakers:BadExampleContext",
    "coerced": "breakers:CoercedContext",
    "bad_pattern": "breakers:BadPatternContext",
    "announcement": "messages:AnnouncementContext",
    "lax": "messages:LaxContext",
    "explodes": "explodes:AnythingContext",
    "stale_rejection": "breakers:StaleRejectionContext",
}


@pytest.fixture
def fixture_registry() -> Callable[..., ArtifactRegistry]:
    """A registry over the named fixture plugins (all of them by default)."""

    def build(*names: str) -> ArtifactRegistry:
        chosen = names or tuple(BREAKERS)
        return ArtifactRegistry([entry(name, BREAKERS[name]) for name in chosen])

    return build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder."""
    root = tmp_path / "project"
    root.mkdir()
    return root


@pytest.fixture
def manager(project: Path) -> ArtifactManager:
    """A manager over the installed plugins, writing into ``project``, with a fixed clock."""
    return ArtifactManager(project, clock=lambda: FIXED_TIME)


@pytest.fixture
def fixture_manager(project: Path, fixture_registry: Callable[..., ArtifactRegistry]):
    """A manager over the fixture plugins, writing into ``project``."""
    return ArtifactManager(
        project, registry=fixture_registry(), hooks=PluginHooks([]), clock=lambda: FIXED_TIME
    )


@pytest.fixture
def broken_site(tmp_path: Path) -> Path:
    """Installed-looking distributions: a working note plugin and one that cannot import."""
    site = tmp_path / "site"
    write_distribution(
        site, "acme-notes", "2.0", {"scaffold.artifacts": {"note": "breakers:NoteContext"}}
    )
    write_distribution(
        site, "acme-broken", "0.3", {"scaffold.artifacts": {"explodes": "explodes:XContext"}}
    )
    return site
