"""Check the installed artifact types as ``scaffold list`` shows them (imports the plugins).

``scaffold_core.discover.listing`` keeps the outcomes; this module computes one when the kept
one is stale, and is imported only then.
"""

from scaffold_core.discover.artifact_type import ArtifactType
from scaffold_core.discover.entry_points import PluginEntry
from scaffold_core.discover.listing import Listed
from scaffold_core.discover.registry import ArtifactRegistry, BrokenArtifact
from scaffold_core.hooks import PluginHooks
from scaffold_core.render import TemplateEnvironment
from scaffold_core.render.chain import syntax_message

__all__ = ["TypeChecker"]


class TypeChecker:
    """Loads artifact types and compiles their templates, with the installed extensions.

    ``extension_failures`` says why each ``scaffold.plugins`` extension that cannot be
    loaded is not (the extensions are loaded when the checker is made).
    """

    def __init__(self, entries: list[PluginEntry], extensions: list[PluginEntry]) -> None:
        self._registry = ArtifactRegistry(entries)
        hooks = PluginHooks(extensions)
        self._environment = TemplateEnvironment(hooks)
        self.extension_failures = tuple(str(failure) for failure in hooks.failures)

    def listed(self, artifact_id: str) -> Listed:
        """``artifact_id``'s row: its plugin imported, its v2 and v1 templates compiled.

        Raises ``UnknownArtifactType`` for an id none of the entries declares.
        """
        outcome = self._usable(self._registry.inspect(artifact_id))
        if isinstance(outcome, BrokenArtifact):
            entry = outcome.entries[0]
            kind, status, reason, template = "unknown", "broken", outcome.reason, None
            problem: str | None = str(outcome)
        else:
            entry, kind, status = outcome.entry, outcome.kind, "ok"
            reason, template, problem = None, outcome.template_name, None
        row = {
            "id": outcome.artifact_id,
            "kind": kind,
            "distribution": entry.distribution,
            "version": entry.version,
            "status": status,
            "reason": reason,
            "template": template,
        }
        return Listed(row, problem)

    def _usable(self, outcome: ArtifactType | BrokenArtifact) -> ArtifactType | BrokenArtifact:
        """``outcome``, or a ``BrokenArtifact`` (ARCH005) if its v2 or v1 template won't compile.

        Only those two files: the templates they extend or include are validate-architecture's.
        """
        if isinstance(outcome, BrokenArtifact):
            return outcome
        self._environment.add_artifact(outcome)
        for name in (outcome.template_name, outcome.legacy_template_name):
            error = None if name is None else self._environment.compile_error(name)
            if error is not None:
                reason = syntax_message(self._environment.jinja, error)
                return BrokenArtifact(outcome.artifact_id, (outcome.entry,), reason, "ARCH005")
        return outcome
