"""Load one artifact plugin: import its module and check it against the contract."""

import importlib
import inspect
import re
import types
import typing
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Annotated, Any, Final, Literal, Union

from pydantic import AfterValidator, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema
from typing_extensions import is_typeddict

from scaffold_core.discover.entry_points import PluginEntry
from scaffold_core.discover.examples_file import (
    ExamplesFile,
    RejectionCase,
    examples_file_path,
    read_examples_file,
)
from scaffold_core.discover.naming import (
    CONTEXT_SUFFIX,
    extension_of,
    legacy_template_file,
    render_context_name,
    template_files,
)
from scaffold_schemas import COMMENT_SYNTAX, BaseContext, BaseRenderContext

__all__ = ["EDITOR_KEYS", "ArtifactType", "Kind", "PluginLoadFailure", "load_artifact_type"]

Kind = Literal["persistent", "ephemeral"]

TEMPLATE_DIR = "templates"

EDITOR_KEYS: Final = frozenset({"$schema"})
"""Top-level keys an editor writes into a context file (``"$schema": "..."``): ignored."""


class PluginLoadFailure(Exception):
    """Why a plugin cannot be used, in one sentence that names the culprit.

    ``rule`` is the validate-architecture rule the failure breaks (see
    ``docs/architecture-rules.md``).
    """

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class ArtifactType:
    """A loaded, contract-conforming artifact plugin.

    A *persistent* type's ``context_class`` is a ``BaseContext`` and it has a RenderContext;
    an *ephemeral* type's ``context_class`` is a ``TypedDict`` and it has none: no lifecycle
    fields, no header, printed unless an output path is given.
    """

    entry: PluginEntry
    context_class: type[Any]
    render_context_class: type[BaseRenderContext] | None
    template_dir: Path
    template_file: str

    @property
    def artifact_id(self) -> str:
        """The artifact type id (the entry point's name)."""
        return self.entry.name

    @property
    def kind(self) -> Kind:
        """``persistent`` (a file with a lifecycle header) or ``ephemeral`` (a message)."""
        return "ephemeral" if self.render_context_class is None else "persistent"

    @cached_property
    def adapter(self) -> TypeAdapter[Any]:
        """The one validator of the Context, for either kind; it also gives the JSON Schema.

        The only place validation depends on the kind. A persistent type validates to its
        ``XContext`` instance (an instance is passed through). An ephemeral type validates to
        a dict holding every field: an optional one the user left out is ``None``, or an
        empty list or dict for a collection, so the template needs no default; keys the
        Context derives (``scaffold_schemas.messages``) are kept beside the fields.
        """
        if self.render_context_class is not None:
            return TypeAdapter(self.context_class)
        completed = partial(_completed, self.field_types())
        context_type: Any = Annotated[self.context_class, AfterValidator(completed)]
        return TypeAdapter(context_type)

    @property
    def default_output_path(self) -> str | None:
        """The plugin's output path pattern, if it declares one."""
        pattern = getattr(self.context_class, "default_output_path", None)
        return pattern if isinstance(pattern, str) else None

    @property
    def schema_id(self) -> str:
        """The ``$id`` of the exported schema: distribution and artifact id, nothing else.

        ``urn:scaffold:<distribution>:<artifact id>``, the distribution name normalized as
        PyPI does (lowercase, runs of ``-_.`` as one ``-``), so that it is the same on every
        machine, run and plugin version. A URN names the schema; nothing tries to fetch it.
        """
        distribution = re.sub(r"[-_.]+", "-", self.entry.distribution).lower()
        return f"urn:scaffold:{distribution}:{self.artifact_id}"

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of the Context: ``$schema``, ``$id``, examples.

        The examples are those of the plugin's examples data file when it has an
        ``examples`` key, else those the Context declares in ``json_schema_extra``. A closed
        schema still admits the ``EDITOR_KEYS`` (``$schema``), which the validator ignores.
        Raises ``ExamplesFileInvalid`` when the data file is malformed.
        """
        schema = self.adapter.json_schema()
        data = self.examples_file()
        if data is not None and data.examples is not None:
            schema.pop("examples", None)
            if data.examples:
                # Sorted as pydantic sorts json_schema_extra examples: the same document.
                schema = GenerateJsonSchema().sort({**schema, "examples": data.examples})
        if schema.get("additionalProperties") is False:
            # The validator ignores the key an editor writes; the schema must allow it too.
            editor_keys = {f"^{re.escape(key)}$": {"type": "string"} for key in EDITOR_KEYS}
            schema["patternProperties"] = {**schema.get("patternProperties", {}), **editor_keys}
        return {"$schema": GenerateJsonSchema.schema_dialect, "$id": self.schema_id, **schema}

    def examples(self) -> list[dict[str, Any]]:
        """The examples: the data file's, else the Context's own (see ``json_schema``)."""
        return list(self.json_schema().get("examples", []))

    def rejections(self) -> list[RejectionCase]:
        """The rejection cases of the plugin's examples data file (none without the file).

        Raises ``ExamplesFileInvalid`` when the data file is malformed.
        """
        data = self.examples_file()
        return [] if data is None else list(data.rejections)

    def examples_file(self) -> ExamplesFile | None:
        """The parsed examples data file, read on each call; ``None`` when there is none.

        Raises ``ExamplesFileInvalid``, naming the plugin and the file, when it is malformed.
        """
        path = examples_file_path(self.template_dir, self.artifact_id)
        return read_examples_file(
            path, f"artifact type '{self.artifact_id}' from {self.entry.origin}"
        )

    def field_types(self) -> dict[str, object]:
        """Each input field's annotation, by name."""
        if issubclass(self.context_class, BaseContext):
            return {name: f.annotation for name, f in self.context_class.model_fields.items()}
        return dict(typing.get_type_hints(self.context_class))

    def required_fields(self) -> tuple[str, ...]:
        """The fields a user must give."""
        if issubclass(self.context_class, BaseContext):
            fields = self.context_class.model_fields
            return tuple(name for name, field in fields.items() if field.is_required())
        return tuple(sorted(self.context_class.__required_keys__))

    @property
    def extension(self) -> str:
        """The extension of the files this artifact type produces, e.g. ``py``."""
        return extension_of(self.template_file)

    @property
    def template_name(self) -> str:
        """The v2 template's name in the shared Jinja environment."""
        return f"{self.artifact_id}/{self.template_file}"

    @property
    def legacy_template_name(self) -> str | None:
        """The v1 template's name in the Jinja environment, when the plugin ships one."""
        legacy = legacy_template_file(self.template_file)
        return f"{self.artifact_id}/{legacy}" if (self.template_dir / legacy).is_file() else None


def _completed(fields: dict[str, object], values: dict[str, object]) -> dict[str, object]:
    """``values`` with every field present, in declaration order, derived keys after them."""
    completed = {
        name: values[name] if name in values else _empty(annotation)
        for name, annotation in fields.items()
    }
    return completed | values


def _empty(annotation: object) -> object:
    """What an omitted optional field of this type reads as: ``None``, ``[]`` or ``{}``."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        return None
    if origin is list or annotation is list:
        return []
    if origin is dict or annotation is dict:
        return {}
    return None


def load_artifact_type(entry: PluginEntry) -> ArtifactType:
    """Import the entry point's module and resolve every piece the contract asks for.

    Raises ``PluginLoadFailure`` naming what is missing or wrong; any exception raised while
    importing the plugin is turned into one too, so a broken plugin never escapes as a crash.
    """
    context_class = _context_class(entry)
    ephemeral = is_typeddict(context_class)
    render_class = None if ephemeral else _render_class(entry, context_class)
    template_dir, template_file = _template(entry, context_class)
    if not ephemeral and extension_of(template_file) not in COMMENT_SYNTAX:
        raise PluginLoadFailure(
            "ARCH005",
            f"template '{template_file}' produces '.{extension_of(template_file)}' files, which"
            f" the core cannot header (known: {', '.join(sorted(COMMENT_SYNTAX))})",
        )
    return ArtifactType(entry, context_class, render_class, template_dir, template_file)


def _render_class(entry: PluginEntry, context_class: type[Any]) -> type[BaseRenderContext]:
    module = inspect.getmodule(context_class)
    render_name = render_context_name(context_class.__name__)
    render_class = getattr(module, render_name, None)
    if render_class is None:
        raise PluginLoadFailure(
            "ARCH003",
            f"module '{entry.module}' defines no '{render_name}' (the RenderContext the naming"
            f" convention derives from '{context_class.__name__}')",
        )
    if not (
        isinstance(render_class, type)
        and issubclass(render_class, context_class)
        and issubclass(render_class, BaseRenderContext)
    ):
        raise PluginLoadFailure(
            "ARCH003",
            f"'{entry.module}.{render_name}' must subclass both '{context_class.__name__}'"
            " and scaffold_schemas.BaseRenderContext",
        )
    return render_class


def _template(entry: PluginEntry, context_class: type[Any]) -> tuple[Path, str]:
    template_dir = Path(inspect.getfile(context_class)).parent / TEMPLATE_DIR
    found = template_files(template_dir, entry.name) if template_dir.is_dir() else []
    if len(found) != 1:
        problem = "no template" if not found else f"{len(found)} templates ({', '.join(found)})"
        raise PluginLoadFailure(
            "ARCH005",
            f"{problem} for '{entry.name}' in {template_dir}: expected exactly one"
            f" '{entry.name}.<ext>.jinja2'",
        )
    return template_dir, found[0]


def _context_class(entry: PluginEntry) -> type[Any]:
    if not entry.attribute:
        raise PluginLoadFailure(
            "ARCH001", f"entry point value '{entry.value}' must be 'module:ClassContext'"
        )
    try:
        target: object = importlib.import_module(entry.module)
        for name in entry.attribute.split("."):
            target = getattr(target, name)
    except Exception as error:
        raise PluginLoadFailure(
            "ARCH001", f"cannot load '{entry.value}': {type(error).__name__}: {error}"
        ) from error
    if not (isinstance(target, type) and target.__name__.endswith(CONTEXT_SUFFIX)):
        raise PluginLoadFailure(
            "ARCH001", f"'{entry.value}' must name a class whose name ends in '{CONTEXT_SUFFIX}'"
        )
    if is_typeddict(target):
        return target
    if not issubclass(target, BaseContext) or issubclass(target, BaseRenderContext):
        raise PluginLoadFailure(
            "ARCH001",
            f"'{target.__name__}' must subclass scaffold_schemas.BaseContext"
            " (and not BaseRenderContext), or be a TypedDict for an ephemeral type",
        )
    return target
