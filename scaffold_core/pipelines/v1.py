"""The legacy (v1) pipeline: the raw dict as given, a lenient template, lifecycle injected.

No schema: unknown keys pass through and a variable the template guards (``| default``,
``{% if %}``, ...) may be left out, as legacy templates expect. A variable the legacy
template requires (``introspect``'s classifier: read unguarded somewhere in its chain) must
be given, as the legacy introspection demanded: ``accept_v1`` refuses the input otherwise.
The lifecycle variables are the core's, never the user's. v1 stays for rollback and as the
baseline the parity framework compares v2 against; it is deprecated, and says so once per
process on standard error (``deprecation_warning``).
"""

import contextlib
import contextvars
import functools
import os
import sys
import threading
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Final

import jinja2

from scaffold_core.discover import ArtifactType
from scaffold_core.discover.naming import legacy_template_file
from scaffold_core.errors import BadOption, InvalidInput, Problem
from scaffold_core.notes import note_once
from scaffold_core.render import TemplateEnvironment
from scaffold_core.render.chain import DynamicTemplateReference
from scaffold_core.render.introspect import required_variables
from scaffold_schemas import BaseContext, LifecycleMixin

__all__ = [
    "DEPRECATION",
    "WARNING_VARIABLE",
    "accept_v1",
    "deprecation_warning",
    "missing_variables",
    "render_v1",
    "v1_warning_silenced",
]

WARNING_VARIABLE: Final = "SCAFFOLD_V1_WARNING"
"""``0`` silences the v1 deprecation warning, ``1`` shows it, whatever the project says."""

DEPRECATION: Final = (
    "scaffold: warning: the v1 (legacy) pipeline is deprecated and will be removed;"
    " migrate with docs/migration.md, go back to v2 with --pipeline v2 or"
    " PYDANTIC_SCAFFOLDING_ENABLED=true (silence: SCAFFOLD_V1_WARNING=0 or"
    " [tool.scaffold] v1_warning = false)\n"
)
"""The one line ``deprecation_warning`` writes."""

_warned = threading.Event()
_warning = threading.Lock()
_silenced: contextvars.ContextVar[bool] = contextvars.ContextVar("v1_silenced", default=False)


def accept_v1(
    artifact: ArtifactType,
    environment: TemplateEnvironment,
    data: Mapping[str, object] | BaseContext,
    *,
    warn: bool = True,
) -> dict[str, object]:
    """``data`` as a dict, as the v1 pipeline takes it, after the deprecation warning (``warn``).

    Raises ``InvalidInput`` with one ``Problem`` per variable the legacy template requires
    that ``data`` lacks (location: the variable's name), before anything is rendered or
    written; ``BadOption`` when the type has no legacy template (then without the warning:
    nothing runs on v1).
    """
    values = dict(data)
    missing = missing_variables(artifact, environment, values)
    if not _warned.is_set():
        deprecation_warning(enabled=warn)
    if missing:
        template = _legacy_names(artifact.artifact_id, artifact.template_file)
        raise InvalidInput(
            f"artifact type '{artifact.artifact_id}' on the v1 pipeline",
            [
                Problem(
                    name,
                    "",
                    f"required by the legacy (v1) template '{template}' (read without a"
                    " default or guard): give it, or use the v2 pipeline",
                )
                for name in missing
            ],
        )
    return values


def missing_variables(
    artifact: ArtifactType, environment: TemplateEnvironment, data: Mapping[str, object]
) -> tuple[str, ...]:
    """The variables ``artifact``'s legacy template requires and ``data`` lacks, sorted.

    Lifecycle variables are never required (the core supplies them). Computed once per
    template (``required_variables``). Raises ``BadOption`` when the type has no legacy
    template. One that cannot be read or parsed gives ``()``: rendering it reports that, as
    ``TemplateFailed``.
    """
    name = _legacy_names(artifact.artifact_id, artifact.template_file)
    try:
        required = required_variables(environment.jinja, name)
    except jinja2.TemplateNotFound as not_found:
        if not_found.name == name:
            raise _no_legacy_template(artifact) from None
        return ()
    except (jinja2.TemplateError, DynamicTemplateReference):
        return ()
    return tuple([variable for variable in required if variable not in data])


@functools.cache
def _legacy_names(artifact_id: str, template_file: str) -> str:
    """The legacy template's name, even when the plugin ships none.

    Not ``legacy_template_name``, which asks the file system (12 µs a call): a type without
    one gets ``TemplateNotFound`` from Jinja instead.
    """
    return f"{artifact_id}/{legacy_template_file(template_file)}"


def deprecation_warning(*, enabled: bool = True) -> None:
    """Write the one-line deprecation warning to standard error, once per process.

    Not when ``enabled`` is false (``[tool.scaffold] v1_warning``) unless
    ``SCAFFOLD_V1_WARNING=1``; never when it is ``0``, nor inside ``v1_warning_silenced``.
    Another value of the variable is noted on standard error (``note_once``: once per
    process, none under ``--json``) and ``enabled`` decides.
    A direct write, not ``warnings.warn``: one line whatever the warning filters are (no
    source line, no pytest capture), and standard output stays the command's own (``--json``
    documents, the MCP protocol).
    """
    if _warned.is_set() or _silenced.get():
        return
    raw = os.environ.get(WARNING_VARIABLE)
    if raw is not None and raw.strip() in {"0", "1"}:
        enabled = raw.strip() == "1"
    elif raw is not None:
        note_once(
            WARNING_VARIABLE,
            f"scaffold: {WARNING_VARIABLE}={raw!r} ignored: use 1 (warn) or 0 (do not)",
        )
    if not enabled:
        return
    with _warning:
        if not _warned.is_set():
            _warned.set()
            sys.stderr.write(DEPRECATION)


@contextlib.contextmanager
def v1_warning_silenced() -> Iterator[None]:
    """No deprecation warning inside the block: v1 runs as a baseline (parity), not by choice."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def render_v1(
    artifact: ArtifactType,
    environment: TemplateEnvironment,
    data: Mapping[str, object],
    *,
    output_path: str | None,
    created: datetime,
    updated: datetime | None = None,
) -> tuple[LifecycleMixin | None, str]:
    """Render the plugin's legacy template with ``data`` and, if persistent, the lifecycle.

    ``data`` is what ``accept_v1`` returned. Raises ``BadOption`` when the type has no
    legacy template, ``TemplateFailed`` when it raises.
    """
    template = artifact.legacy_template_name
    if template is None:
        raise _no_legacy_template(artifact)
    if artifact.kind == "ephemeral" or output_path is None:
        return None, environment.render(template, data)
    lifecycle = LifecycleMixin(
        output_path=output_path,
        scaffold_created=created,
        template_id=artifact.artifact_id,
        version_hash=environment.version_hash(template),
        scaffold_updated=updated,
    )
    body = environment.render(template, {**data, **dict(lifecycle)})
    return lifecycle, body


def _no_legacy_template(artifact: ArtifactType) -> BadOption:
    return BadOption(
        f"artifact type '{artifact.artifact_id}' has no legacy (v1) template"
        f" ({artifact.template_dir}/{artifact.artifact_id}.v1.{artifact.extension}.jinja2);"
        " use the v2 pipeline (--pipeline v2 or PYDANTIC_SCAFFOLDING_ENABLED=true)"
    )
