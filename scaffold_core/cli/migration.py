"""The migration sub-commands: ``vars``, ``templates`` and ``parity`` (v1 → v2)."""

import argparse
from pathlib import Path
from typing import TextIO

from scaffold_core.cli.output import write_json
from scaffold_core.discover import ArtifactType, BrokenArtifact
from scaffold_core.errors import BadOption, TemplateFailed
from scaffold_core.manager import ArtifactManager
from scaffold_core.parity import load_cases, plugin_cases, run_parity
from scaffold_core.pipelines.flag import choose_pipeline
from scaffold_core.render import TemplateEnvironment, introspect, template_stats
from scaffold_core.render.chain import syntax_error, syntax_message
from scaffold_core.text_table import table

__all__ = ["check_parity", "show_templates", "show_variables"]


def show_variables(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold vars TYPE``: what the active pipeline's template chain reads, and how.

    The pipeline is the one ``scaffold new`` would use: ``--pipeline``, else the flag.
    """
    manager = ArtifactManager()
    artifact = manager.artifact(arguments.artifact_type)
    environment, template = _template(manager, artifact, arguments.pipeline)
    error = syntax_error(environment.jinja, template)
    if error is not None:
        raise TemplateFailed(
            f"artifact type '{artifact.artifact_id}': {syntax_message(environment.jinja, error)}"
        )
    result = introspect(environment.jinja, template)
    if arguments.json:
        write_json(result.as_json(), out)
        return 0
    out.write(f"template: {result.template}\nchain:    {', '.join(result.chain)}\n")
    out.write(f"required: {', '.join(result.required) or '-'}\n")
    out.write(f"optional: {', '.join(result.optional) or '-'}\n")
    out.write(f"system:   {', '.join(result.system) or '-'}\n")
    return 0


def _template(
    manager: ArtifactManager, artifact: ArtifactType, pipeline: str | None
) -> tuple[TemplateEnvironment, str]:
    """The environment and template of the pipeline ``new`` would use (``choose_pipeline``).

    Raises ``BadOption`` when that is v1 and the plugin ships no legacy template.
    """
    if choose_pipeline(pipeline) == "v2":
        return manager.environment, artifact.template_name
    legacy = artifact.legacy_template_name
    if legacy is None:
        raise BadOption(
            f"artifact type '{artifact.artifact_id}' has no legacy (v1) template; the v1"
            " pipeline is chosen by --pipeline v1 or PYDANTIC_SCAFFOLDING_ENABLED=false"
        )
    return manager.legacy_environment, legacy


def show_templates(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold templates [--stats]``: each type's v2 and v1 template, optionally measured.

    A plugin that cannot load, or a template that does not parse, is listed after the
    table as ``broken: ...`` (``"error"`` in its JSON row); the other types are still shown.
    """
    manager = ArtifactManager()
    rows: list[dict[str, object]] = []
    broken: list[str] = []
    for outcome in manager.registry.inspect_all():
        if isinstance(outcome, BrokenArtifact):
            broken.append(str(outcome))
            continue
        artifact = manager.artifact(outcome.artifact_id)
        pairs = [("v2", manager.environment, artifact.template_name)]
        if artifact.legacy_template_name is not None:
            pairs.append(("v1", manager.legacy_environment, artifact.legacy_template_name))
        for pipeline, environment, template in pairs:
            row: dict[str, object] = {"id": artifact.artifact_id, "pipeline": pipeline}
            error = syntax_error(environment.jinja, template)
            if error is not None:
                problem = syntax_message(environment.jinja, error)
                broken.append(f"artifact type '{artifact.artifact_id}': {problem}")
                rows.append(row | {"template": template, "error": problem})
            elif arguments.stats:
                rows.append(row | template_stats(environment.jinja, template).as_json())
            else:
                rows.append(row | {"template": template})
    if arguments.json:
        write_json(rows, out)
        return 0
    columns: tuple[str, ...] = ("id", "pipeline", "template")
    if arguments.stats:
        columns += ("characters", "default_filters", "chain_characters", "chain_default_filters")
    out.write(table(columns, [row for row in rows if "error" not in row]))
    out.writelines(f"\nbroken: {problem}\n" for problem in broken)
    return 0


def check_parity(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold parity TYPE``: exit 1 on any REGRESSION, MISMATCH or unmet expectation."""
    manager = ArtifactManager()
    artifact = manager.artifact(arguments.artifact_type)
    cases = plugin_cases(artifact)
    if arguments.cases is not None:
        cases += load_cases(Path(arguments.cases))
    report = run_parity(manager, artifact.artifact_id, cases)
    if arguments.json:
        write_json(report.as_json(), out)
        return 0 if report.passed else 1
    out.write(report.as_text())
    return 0 if report.passed else 1
