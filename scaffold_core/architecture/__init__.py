"""validate-architecture: check installed artifact plugins against the plugin contract.

Each rule has a stable id (see docs/architecture-rules.md); a finding names the plugin, its
distribution, where (class, template and line, example) and what exactly is wrong.
"""

import tempfile
from collections.abc import Iterable

import jinja2

from scaffold_core.architecture.contract import contract_findings
from scaffold_core.architecture.examples import example_findings
from scaffold_core.architecture.json_schema import json_schema_findings
from scaffold_core.architecture.rejections import rejection_findings
from scaffold_core.architecture.report import ArchitectureReport, Finding, Severity, finding
from scaffold_core.architecture.template_contract import template_findings
from scaffold_core.discover import ArtifactRegistry, ArtifactType, BrokenArtifact
from scaffold_core.hooks import PluginHooks
from scaffold_core.manager import ArtifactManager
from scaffold_core.render.chain import syntax_error, syntax_line

__all__ = ["ArchitectureReport", "Finding", "Severity", "validate_architecture"]


def validate_architecture(
    registry: ArtifactRegistry | None = None, artifact_ids: Iterable[str] | None = None
) -> ArchitectureReport:
    """Check ``artifact_ids`` (default: every installed artifact type) against every rule."""
    registry = registry or ArtifactRegistry()
    checked = tuple(sorted(artifact_ids)) if artifact_ids else tuple(registry.ids())
    findings: list[Finding] = []
    with tempfile.TemporaryDirectory() as scratch:
        manager = ArtifactManager(scratch, registry=registry, hooks=PluginHooks([]))
        for artifact_id in checked:
            outcome = registry.inspect(artifact_id)
            if isinstance(outcome, BrokenArtifact):
                findings.append(_broken(outcome))
                continue
            artifact = manager.artifact(artifact_id)
            findings += contract_findings(artifact, manager.legacy_environment.jinja)
            error = syntax_error(manager.environment.jinja, artifact.template_name)
            if error is not None:
                # Nothing reads or renders a template that does not parse.
                findings.append(_unparsable(artifact, manager.environment.jinja, error))
            else:
                findings += template_findings(artifact, manager.environment.jinja)
                findings += example_findings(artifact, manager)
            findings += json_schema_findings(artifact)
            findings += rejection_findings(artifact)
    return ArchitectureReport(checked, tuple(findings))


def _broken(broken: BrokenArtifact) -> Finding:
    distributions = " and ".join(entry.distribution for entry in broken.entries)
    location = broken.entries[0].value
    return Finding(
        broken.rule, "error", broken.artifact_id, distributions, location, broken.reason
    )


def _unparsable(
    artifact: ArtifactType, environment: jinja2.Environment, error: jinja2.TemplateSyntaxError
) -> Finding:
    """ARCH005 at ``<template>:<line>`` for a member of the v2 chain that does not parse."""
    line, reason = syntax_line(environment, error)
    return finding(
        artifact, "ARCH005", f"{error.name}:{line}", f"the template does not parse: {reason}"
    )
