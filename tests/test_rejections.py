"""Every rejection case of every installed artifact type is refused, and refused as declared.

A rejection case (``rejections`` in ``templates/<id>.examples.yaml``) is an input, the field
location of one problem the core must report for it and a fragment of that problem's
message. A case that validates, or is refused without that problem, fails here, naming the
plugin, the file and the case's index.
"""

import pytest

from scaffold_core import ArtifactRegistry, PluginEntry
from scaffold_core.architecture.rejections import rejection_failure as core_rejection_failure
from scaffold_core.discover import ArtifactType, BrokenArtifact
from scaffold_core.discover.examples_file import (
    ExamplesFileInvalid,
    RejectionCase,
    examples_file_path,
)


def where(artifact: ArtifactType, index: int) -> str:
    """The plugin, the file and the case, for failure messages."""
    path = examples_file_path(artifact.template_dir, artifact.artifact_id)
    return f"{artifact.entry.distribution} ({artifact.artifact_id}), {path}, rejections.{index}"


def rejection_failure(artifact: ArtifactType, index: int, case: RejectionCase) -> str | None:
    """Why ``case`` does not hold, naming the plugin, the file and the case; else ``None``."""
    failure = core_rejection_failure(artifact, case)
    return None if failure is None else f"{where(artifact, index)}: {failure}"


REGISTRY = ArtifactRegistry()


def _cases() -> list[object]:
    params: list[object] = []
    for outcome in REGISTRY.inspect_all():
        if isinstance(outcome, BrokenArtifact):
            continue  # validate-architecture reports it
        artifact_id = outcome.artifact_id
        try:
            rejections = outcome.rejections()
        except ExamplesFileInvalid as invalid:
            params.append(pytest.param(artifact_id, -1, str(invalid), id=f"{artifact_id}-file"))
            continue
        params += [
            pytest.param(artifact_id, index, case, id=f"{artifact_id}-{index}")
            for index, case in enumerate(rejections)
        ]
    return params


@pytest.mark.parametrize(("artifact_id", "index", "case"), _cases())
def test_rejection_case_is_refused_as_declared(artifact_id, index, case):
    assert isinstance(case, RejectionCase), case
    failure = rejection_failure(REGISTRY.get(artifact_id), index, case)
    assert failure is None, failure


@pytest.fixture
def memo() -> ArtifactType:
    """The fixture type whose data file declares two correct rejection cases."""
    entry = PluginEntry("memo", "datafile:MemoContext", "fixture-plugins", "1.0")
    return ArtifactRegistry([entry]).get("memo")


def test_correct_cases_hold(memo):
    cases = memo.rejections()
    assert len(cases) == 2
    assert [rejection_failure(memo, index, case) for index, case in enumerate(cases)] == [
        None,
        None,
    ]


def test_an_accepted_case_fails_naming_plugin_file_and_index(memo):
    case = RejectionCase({"title": "Fine", "body": "Different."}, "", "repeats the title")
    failure = rejection_failure(memo, 4, case)
    assert failure is not None
    assert failure.startswith("fixture-plugins (memo), ")
    assert "memo.examples.yaml, rejections.4: accepted;" in failure
    assert "expected a problem at '(whole input)' containing 'repeats the title'" in failure


@pytest.mark.parametrize(
    ("field", "message"),
    [("title", "repeats the title"), ("", "another message")],
    ids=["other field", "other message"],
)
def test_a_case_refused_elsewhere_fails(memo, field, message):
    case = RejectionCase({"title": "Same", "body": "Same"}, field, message)
    failure = rejection_failure(memo, 0, case)
    assert failure is not None
    assert "refused elsewhere ((whole input): the body repeats the title)" in failure
