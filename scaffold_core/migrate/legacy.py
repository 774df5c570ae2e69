"""``scaffold new artifact_plugin --from-legacy TEMPLATE``: what a legacy template tells.

The template is read with the chain it extends, includes and imports: each name is looked
up beside the template first, then in the shared library. Its variables, classified by
``introspect`` and typed by ``infer_fields``, become the new type's fields; the template
itself becomes the legacy (v1) template, and without its defaults (``without_defaults``)
the v2 template.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import jinja2
from jinja2 import nodes

from scaffold_core.errors import BadOption
from scaffold_core.hooks import PluginHooks
from scaffold_core.migrate.exposure import absent_values
from scaffold_core.migrate.fields import infer_fields
from scaffold_core.migrate.v2_text import without_defaults
from scaffold_core.render.chain import (
    DynamicTemplateReference,
    parse_template,
    syntax_line,
    template_chain,
)
from scaffold_core.render.environment import TemplateEnvironment
from scaffold_core.render.introspect import TemplateVariables, introspect
from scaffold_core.render.library import shared_library_path
from scaffold_schemas import COMMENT_SYNTAX, BaseDocumentContext

__all__ = ["legacy_extension", "legacy_kind", "legacy_plugin_input", "legacy_variables"]

_TEMPLATE_SUFFIXES: Final = (".jinja2", ".jinja", ".j2")
# What the ``artifact_plugin`` type accepts for a message besides ``md``, which the core can
# header and so stays a document: an extension it cannot header is a message only there.
_MESSAGE_EXTENSIONS: Final = frozenset({"txt"})
# The plugin writes a kind-document Context on BaseDocumentContext only for ``md``: then the
# base provides these names (declared and computed), and the plugin refuses them as fields.
_DOCUMENT_NAMES: Final = frozenset(
    {*BaseDocumentContext.model_fields, *BaseDocumentContext.model_computed_fields}
)


def legacy_plugin_input(template: Path, examples: object = None) -> dict[str, object]:
    """The ``artifact_plugin`` input a legacy template gives, all but ``name``.

    Keys: ``kind`` (see ``legacy_kind``), ``extension`` (when the file name has one:
    ``x.py.jinja2`` and ``x.v1.md.jinja2`` give ``py`` and ``md``), ``fields`` (one per
    variable the chain reads, in the order first read; see ``scaffold_core.migrate.fields``;
    for a ``document``, none that ``BaseDocumentContext`` declares or computes: the base
    provides ``title``, ``status``, ...), ``legacy_template`` (the file's text, unchanged)
    and ``template`` (the v2 text, see ``scaffold_core.migrate.v2_text``).

    ``examples``: the author's ``examples`` (valid inputs of the new type), when given: a
    list of mappings types the values the template only prints (see ``fields``); anything
    else is left to the ``artifact_plugin`` type to refuse.

    Raises ``BadOption`` naming the file when it cannot be read, is not UTF-8, does not parse
    (with the line), names a template that is found neither beside it nor in the shared
    library (or by an expression), or has a chain member beside it: the ``artifact_plugin``
    input carries one template, so such a member could not reach the new plugin.
    """
    legacy = _Legacy.read(template)
    required = {variable.name: variable.required for variable in legacy.variables.variables}
    extension = legacy_extension(template.name)
    kind = legacy_kind(extension)
    found: dict[str, object] = {"kind": kind}
    if extension is not None:
        found["extension"] = extension
    if kind == "document":
        required = {key: value for key, value in required.items() if key not in _DOCUMENT_NAMES}
    given: Sequence[object] = examples if isinstance(examples, list) else ()
    document = kind == "document"
    fields = infer_fields(legacy.trees, required, document=document, examples=given)
    absent = absent_values(fields, document=document)
    return found | {
        "fields": fields,
        "legacy_template": legacy.source,
        "template": without_defaults(legacy.environment, legacy.source, absent),
    }


def legacy_variables(template: Path) -> TemplateVariables:
    """Every variable the legacy template's chain reads, with the classifier's verdict.

    All of them, a document's base fields too (which ``legacy_plugin_input`` leaves out of
    ``fields``). Raises ``BadOption`` as ``legacy_plugin_input`` does.
    """
    return _Legacy.read(template).variables


@dataclass(frozen=True)
class _Legacy:
    """A legacy template read with its chain: its text, environment, trees and variables."""

    source: str
    environment: jinja2.Environment
    trees: list[nodes.Template]
    variables: TemplateVariables

    @classmethod
    def read(cls, template: Path) -> "_Legacy":
        source = _read(template)
        name = template.name
        environment = _environment(template, source)
        try:
            chain = template_chain(environment, name)
            trees = [parse_template(environment, member) for member in chain]
        except jinja2.TemplateSyntaxError as error:
            line, reason = syntax_line(environment, error)
            where = _member_path(template, error.name or name)
            raise BadOption(
                f"legacy template '{where}' does not parse at line {line}: {reason}"
            ) from None
        except jinja2.TemplateNotFound as error:
            raise BadOption(
                f"legacy template '{template}' names '{error.name}', found neither beside it"
                f" nor in the shared library ({shared_library_path()})"
            ) from None
        except DynamicTemplateReference as error:
            raise BadOption(f"legacy template '{template}': {error}") from None
        local = [member for member in chain[1:] if (template.parent / member).is_file()]
        if local:
            raise BadOption(
                f"legacy template '{template}' extends, includes or imports "
                + ", ".join(f"'{member}'" for member in local)
                + " beside it; a generated plugin carries one template: move them into the"
                " shared library or into the template"
            )
        return cls(source, environment, trees, introspect(environment, name))


def legacy_extension(file_name: str) -> str | None:
    """The output extension a template's file name gives (``x.v1.md.jinja2`` → ``md``)."""
    stem = file_name
    for suffix in _TEMPLATE_SUFFIXES:
        stem = stem.removesuffix(suffix)
    parts = [part for part in stem.split(".")[1:] if part != "v1"]
    if not parts or not parts[-1].isalnum() or not parts[-1].isascii():
        return None
    return parts[-1].lower()


def legacy_kind(extension: str | None) -> str:
    """The ``artifact_plugin`` kind for an output extension.

    ``md`` → ``document`` (on ``BaseDocumentContext``); an extension the core cannot header
    (not in ``COMMENT_SYNTAX``) that a message may have (``txt``) → ``message``, ephemeral
    and headerless; anything else (no extension too) → ``code``, which the ``artifact_plugin``
    type refuses, naming the extension, when the core cannot header it.
    """
    if extension == "md":
        return "document"
    if extension not in COMMENT_SYNTAX and extension in _MESSAGE_EXTENSIONS:
        return "message"
    return "code"


def _read(template: Path) -> str:
    try:
        data = template.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BadOption(f"legacy template '{template}' cannot be read: {reason}") from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise BadOption(
            f"legacy template '{template}' is not UTF-8 text (byte 0x{data[error.start]:02x}"
            f" at offset {error.start})"
        ) from None


def _environment(template: Path, source: str) -> jinja2.Environment:
    """The legacy environment, its names found beside ``template``, then in the library.

    The template itself is served from ``source``, the text already read and checked.
    """
    environment = TemplateEnvironment(PluginHooks(), undefined=jinja2.ChainableUndefined).jinja
    environment.loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader({template.name: source}),
            jinja2.FileSystemLoader(template.parent),
            jinja2.FileSystemLoader(shared_library_path()),
        ]
    )
    return environment


def _member_path(template: Path, member: str) -> Path:
    if member == template.name:
        return template
    beside = template.parent / member
    return beside if beside.is_file() else shared_library_path() / member
