"""Migration of legacy (v1) templates: the input of ``scaffold new artifact_plugin``.

``legacy_plugin_input(path)`` reads a legacy template and its chain and returns the
``artifact_plugin`` input it implies (all but ``name``); ``infer_fields`` and
``without_defaults`` are its two halves.

One classifier rule decides many verdicts and is kept on purpose: a ``| default('')`` (or a
bare ``| default``) on a variable or attribute that the template never tests (no ``if``,
``is defined``, ``or`` on it) is no guard. It supplies no value, only silence: without the
value the output has a hole (``class {{ name | default('') }}:``), so the field is
required. The same filter on a variable that is tested somewhere is a guard (optional).

The v2 text takes a literal default out only where the RenderContext renders the same
without it; elsewhere it stays as ``(x or LIT)`` (``scaffold_core.migrate.exposure``).
"""

from scaffold_core.migrate.exposure import GIVEN, absent_values
from scaffold_core.migrate.fields import MODEL_DEPTH, infer_fields
from scaffold_core.migrate.legacy import (
    legacy_extension,
    legacy_kind,
    legacy_plugin_input,
    legacy_variables,
)
from scaffold_core.migrate.v2_text import without_defaults

__all__ = [
    "GIVEN",
    "MODEL_DEPTH",
    "absent_values",
    "infer_fields",
    "legacy_extension",
    "legacy_kind",
    "legacy_plugin_input",
    "legacy_variables",
    "without_defaults",
]
