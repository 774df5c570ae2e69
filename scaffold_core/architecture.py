"""validate-architecture: check installed artifact plugins against the plugin contract.

Each rule has a stable id. This first set covers loading, naming and bases; a finding names
the plugin, the distribution and the class or template at fault.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from scaffold_core.discover import ArtifactRegistry, ArtifactType, BrokenArtifact
from scaffold_core.discover.naming import id_matches_class
from scaffold_core.render import COMMENT_SYNTAX
from scaffold_schemas import LIFECYCLE_FIELDS

__all__ = ["ArchitectureReport", "Finding", "validate_architecture"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One rule violation in one plugin."""

    rule: str
    severity: Severity
    plugin: str
    distribution: str
    message: str


@dataclass(frozen=True)
class ArchitectureReport:
    """Every finding over the checked plugins."""

    checked: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(finding.severity == "error" for finding in self.findings)

    def as_json(self) -> dict[str, object]:
        """A JSON-ready form of the report."""
        return {
            "passed": self.passed,
            "checked": list(self.checked),
            "findings": [asdict(finding) for finding in self.findings],
        }


def validate_architecture(
    registry: ArtifactRegistry, artifact_ids: Iterable[str] | None = None
) -> ArchitectureReport:
    """Check ``artifact_ids`` (default: every installed artifact type)."""
    checked = tuple(sorted(artifact_ids)) if artifact_ids else tuple(registry.ids())
    findings: list[Finding] = []
    for artifact_id in checked:
        outcome = registry.inspect(artifact_id)
        if isinstance(outcome, BrokenArtifact):
            findings.append(_broken(outcome))
        else:
            findings.extend(_contract_findings(outcome))
    return ArchitectureReport(checked, tuple(findings))


def _broken(broken: BrokenArtifact) -> Finding:
    distributions = " and ".join(entry.distribution for entry in broken.entries)
    return Finding(broken.rule, "error", broken.artifact_id, distributions, broken.reason)


def _contract_findings(artifact: ArtifactType) -> Iterable[Finding]:
    context = artifact.context_class
    where = f"{context.__module__}.{context.__name__}"

    def finding(rule: str, message: str) -> Finding:
        return Finding(rule, "error", artifact.artifact_id, artifact.entry.distribution, message)

    if not id_matches_class(artifact.artifact_id, context.__name__):
        yield finding(
            "ARCH002",
            f"artifact id '{artifact.artifact_id}' does not match class '{context.__name__}'"
            f" (expected '<{artifact.artifact_id} in PascalCase>Context')",
        )
    config = getattr(context, "model_config", None) or getattr(context, "__pydantic_config__", {})
    if config.get("extra") != "forbid":
        yield finding("ARCH004", f"{where} must forbid extra fields (extra='forbid')")
    for name in sorted(LIFECYCLE_FIELDS.intersection(artifact.field_types())):
        yield finding("ARCH004", f"{where} declares lifecycle field '{name}' (system-managed)")
    if artifact.kind == "persistent" and artifact.extension not in COMMENT_SYNTAX:
        yield finding(
            "ARCH005",
            f"template '{artifact.template_file}' produces '.{artifact.extension}' files, which"
            f" the core cannot header (known: {', '.join(sorted(COMMENT_SYNTAX))})",
        )
