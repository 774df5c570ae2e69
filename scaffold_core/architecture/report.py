"""Findings of validate-architecture and the report that groups them."""

from dataclasses import asdict, dataclass
from typing import Literal

from scaffold_core.discover import ArtifactType

__all__ = ["ArchitectureReport", "Finding", "Severity", "finding"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One rule broken by one plugin: which rule, how bad, where, and what exactly."""

    rule: str
    severity: Severity
    plugin: str
    distribution: str
    location: str
    message: str


def finding(
    artifact: ArtifactType, rule: str, location: str, message: str, severity: Severity = "error"
) -> Finding:
    """A finding about ``artifact``."""
    return Finding(
        rule, severity, artifact.artifact_id, artifact.entry.distribution, location, message
    )


@dataclass(frozen=True)
class ArchitectureReport:
    """Every finding over the checked plugins."""

    checked: tuple[str, ...]
    findings: tuple[Finding, ...]

    def failed(self, *, strict: bool = False) -> bool:
        """Any error; with ``strict``, any warning too."""
        return any(f.severity == "error" or strict for f in self.findings)

    @property
    def passed(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.failed()

    def as_json(self, *, strict: bool = False) -> dict[str, object]:
        """A JSON-ready form of the report."""
        return {
            "passed": not self.failed(strict=strict),
            "checked": list(self.checked),
            "findings": [asdict(item) for item in self.findings],
        }

    def as_text(self, *, strict: bool = False) -> str:
        """Findings grouped by plugin, then ``passed`` or ``failed``."""
        lines: list[str] = []
        for plugin in self.checked:
            found = [item for item in self.findings if item.plugin == plugin]
            lines.append(f"{plugin}: {'ok' if not found else f'{len(found)} finding(s)'}")
            lines += [f"  {f.severity} {f.rule} at {f.location}: {f.message}" for f in found]
        lines.append("failed" if self.failed(strict=strict) else "passed")
        return "\n".join(lines) + "\n"
