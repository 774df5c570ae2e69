"""ARCH009: every example a plugin declares validates, renders and passes the output check."""

from collections.abc import Iterator

from scaffold_core.architecture.report import Finding, finding
from scaffold_core.discover import ArtifactType
from scaffold_core.discover.examples_file import ExamplesFileInvalid
from scaffold_core.errors import InvalidInput, ScaffoldError
from scaffold_core.manager import ArtifactManager

__all__ = ["example_findings"]


def example_findings(artifact: ArtifactType, manager: ArtifactManager) -> Iterator[Finding]:
    """One finding per example that fails, and a warning when there is none.

    A malformed examples data file is one finding at the file, and no example is tried.
    """
    try:
        examples = artifact.examples()
    except ExamplesFileInvalid as invalid:
        where = f"{invalid.path}" + (f" at {invalid.location}" if invalid.location else "")
        yield finding(artifact, "ARCH009", where, invalid.problem)
        return
    if not examples:
        yield finding(
            artifact,
            "ARCH009",
            artifact.entry.value,
            "the Context declares no examples",
            "warning",
        )
    path = f"example.{artifact.extension}" if artifact.kind == "persistent" else None
    for number, example in enumerate(examples, 1):
        where = f"example {number}"
        try:
            rendering = manager.render(
                artifact.artifact_id, example, output_path=path, pipeline="v2"
            )
        except InvalidInput as invalid:
            yield finding(artifact, "ARCH009", where, f"does not validate: {invalid.problems[0]}")
            continue
        except ScaffoldError as error:
            yield finding(artifact, "ARCH009", where, f"does not render: {error}")
            continue
        if rendering.problems:
            yield finding(
                artifact,
                "ARCH009",
                where,
                f"fails the output check: {'; '.join(rendering.problems)}",
            )
