"""The v2 output of every example and parity case of every bundled type, pinned.

A refactor of the schemas, the shared library or the core must not change a valid output by
accident. Each case's body (without the header, whose hash changes with every template edit)
or its error is compared with ``tests/pinned/<type>/<case>``. An intended change is reviewed
and re-pinned with ``make pin`` (``SCAFFOLD_REPIN=1``), and named in the commit message.
"""

import os
from pathlib import Path

import pytest

from scaffold_core import ArtifactManager, ArtifactRegistry, ArtifactType, PluginHooks
from scaffold_core.errors import ScaffoldError
from scaffold_core.parity import plugin_cases
from tests.conftest import FIXED_TIME

PINNED = Path(__file__).parent / "pinned"
REPIN = os.environ.get("SCAFFOLD_REPIN") == "1"
REGISTRY = ArtifactRegistry()
ARTIFACTS = [outcome for outcome in REGISTRY.inspect_all() if isinstance(outcome, ArtifactType)]
BUNDLED = [
    artifact for artifact in ARTIFACTS if artifact.entry.distribution.startswith("scaffold-")
]
CASES = [(artifact, case) for artifact in BUNDLED for case in plugin_cases(artifact)]


def _rendered(manager: ArtifactManager, artifact: ArtifactType, context: object) -> str:
    """The body without its header line, or ``ERROR <class>: <message>``."""
    output = f"out.{artifact.extension}" if artifact.kind == "persistent" else None
    try:
        result = manager.scaffold(
            artifact.artifact_id, context, output_path=output, dry_run=True, pipeline="v2"
        )
    except ScaffoldError as error:
        return f"ERROR {type(error).__name__}: {error}\n"
    if artifact.kind == "persistent":
        return result.content.partition("\n")[2]
    return result.content


@pytest.mark.parametrize(
    ("artifact", "case"), CASES, ids=[f"{a.artifact_id}-{c.name}" for a, c in CASES]
)
def test_output_is_pinned(artifact, case, tmp_path):
    manager = ArtifactManager(
        tmp_path, registry=REGISTRY, hooks=PluginHooks([]), clock=lambda: FIXED_TIME
    )
    actual = _rendered(manager, artifact, dict(case.context))
    pinned = PINNED / artifact.artifact_id / f"{case.name}.{artifact.extension}"
    if REPIN:
        pinned.parent.mkdir(parents=True, exist_ok=True)
        pinned.write_text(actual, encoding="utf-8", newline="\n")
    assert pinned.is_file(), f"{pinned} is not pinned yet: run 'make pin' and review it"
    assert actual == pinned.read_text(encoding="utf-8")


def test_no_pinned_file_is_stale():
    expected = {PINNED / a.artifact_id / f"{c.name}.{a.extension}" for a, c in CASES}
    assert set(PINNED.glob("*/*")) <= expected
