"""Artifact type ``artifact_plugin``: a complete plugin distribution for a new artifact type.

From an id (``cli_command``) and the new type's fields it writes the distribution's
``pyproject.toml`` (the main file), the package module with ``CliCommandContext`` and
``CliCommandRenderContext``, a starter v2 template, the examples data file, a test module
and a README: installed as it is, the plugin passes ``validate-architecture --strict``,
ruff, ``mypy --strict`` and its own tests.
"""

from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, computed_field, field_validator

from scaffold_artifact_artifact_plugin.examples_data import (
    example_problems,
    rejection_cases,
    sample_examples,
    yaml_flow,
)
from scaffold_artifact_artifact_plugin.field_specs import (
    MAX_NAME_LENGTH,
    Loc,
    PluginAttribute,
    PluginField,
    PluginItemAttribute,
    refuse,
    repeated_name_problems,
    sentence,
)
from scaffold_artifact_artifact_plugin.module_source import (
    ContextBase,
    SourceAttribute,
    SourceClass,
    item_class,
    item_models,
    module_classes,
    module_imports,
    natural_order,
)
from scaffold_artifact_artifact_plugin.naming import (
    MAX_DISTRIBUTION_LENGTH,
    MAX_ID_LENGTH,
    ArtifactId,
    DistributionName,
    class_name_problem,
    default_distribution,
    distribution_problem,
    id_problem,
    package_of,
)
from scaffold_artifact_artifact_plugin.starter import Family, starter_template
from scaffold_schemas import (
    COMMENT_SYNTAX,
    ArtifactFile,
    BaseContext,
    BaseDocumentContext,
    BaseRenderContext,
    ClassName,
    CodeText,
    Matches,
    SingleLineText,
    pascal_case,
)

__all__ = [
    "HEADED_EXTENSIONS",
    "ArtifactPluginContext",
    "ArtifactPluginRenderContext",
    "PluginAttribute",
    "PluginField",
    "PluginItemAttribute",
    "RejectionLine",
    "SourceAttribute",
    "SourceClass",
]

HEADED_EXTENSIONS: Final = frozenset(COMMENT_SYNTAX) - {"jinja2"}
"""The extensions a persistent type may write: those the core can header, but ``jinja2``:
the starter's comment lines, ``{# ... #}``, would be comments of the new template itself."""

_MESSAGE_EXTENSIONS: Final = frozenset({"md", "txt"})
_KIND_EXTENSIONS: Final = {
    "message": (_MESSAGE_EXTENSIONS, "a message is written as"),
    # BaseDocumentContext and the starter's layout write Markdown.
    "document": (frozenset({"md"}), "a document is Markdown, written as"),
}  # The extensions a kind allows (else HEADED_EXTENSIONS) and how a refusal says so.

Kind = Literal["code", "document", "message"]

Extension = Annotated[
    str, Matches("[a-z0-9]+", "expected a file extension without its dot, e.g. 'py'")
]
"""A file extension without its dot: lowercase letters and digits."""

_DOCUMENT_NAMES: Final = frozenset(
    {*BaseDocumentContext.model_fields, *BaseDocumentContext.model_computed_fields}
)
"""The names every document already has: a document type's own fields cannot take them."""

_DOCUMENT_FIELD: Final = (
    "already a field of every document (BaseDocumentContext); choose another name"
)

_NAME_AND_CLASS: Final = 2 * MAX_NAME_LENGTH + len("Item")
"""The longest a model attribute's name and its class's together (those of a model field
with the longest name): more, and its line in the generated module passes 88 columns."""


class RejectionLine(BaseModel):
    """One rejection case of the new type's examples file, each value as a YAML flow line."""

    model_config = ConfigDict(frozen=True)

    input: str
    field: str
    message: str


class ArtifactPluginContext(BaseContext):
    """What a user provides to scaffold a plugin distribution for a new artifact type."""

    default_output_path = "{distribution}/pyproject.toml"

    name: ArtifactId = Field(
        description="The new artifact type id, snake_case, e.g. 'cli_command'; not a bundled"
        " or installed type's id.",
        json_schema_extra={"maxLength": MAX_ID_LENGTH},
    )
    class_name: ClassName | None = Field(
        default=None,
        validate_default=True,
        description="The prefix of the Context class, e.g. 'CliCommand'; by default the id in"
        " PascalCase. It must match the id, case and underscores ignored.",
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what the new type generates."
    )
    kind: Kind = Field(
        default="code",
        description="code (a file, BaseContext), document (a Markdown document,"
        " BaseDocumentContext) or message (printed, a TypedDict).",
    )
    extension: Extension | None = Field(
        default=None,
        validate_default=True,
        description="The generated files' extension, without the dot: py for code and md"
        " otherwise by default; one the core can header for code, md for a document, md or"
        " txt for a message.",
        # What any kind allows, so the schema says as much as one field can.
        json_schema_extra={"enum": [*sorted(HEADED_EXTENSIONS | _MESSAGE_EXTENSIONS), None]},
    )
    distribution: DistributionName | None = Field(
        default=None,
        validate_default=True,
        description="The distribution's name; by default scaffold-artifact-<id in kebab-case>."
        " Its package is the name in lowercase with '-' and '.' as '_'.",
        json_schema_extra={"maxLength": MAX_DISTRIBUTION_LENGTH},
    )
    fields: list[PluginField] = Field(
        default_factory=list, description="The new type's input fields, in order."
    )
    legacy_template: CodeText | None = Field(
        default=None,
        description="A legacy (v1) Jinja template, written unchanged as the v1 template.",
    )
    template: CodeText | None = Field(
        default=None,
        description="The v2 template's Jinja source; by default a starter that reads every field.",
    )
    examples: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Valid inputs of the new type for its examples file (and, with a legacy"
        " template, its parity cases); sampled from the fields when none are given.",
    )

    @field_validator("name")
    @classmethod
    def _available_id(cls, name: str) -> str:
        problem = id_problem(name)
        if problem is not None:
            raise ValueError(problem)
        return name

    @field_validator("class_name")
    @classmethod
    def _conventional_class_name(cls, class_name: str | None, info: ValidationInfo) -> str | None:
        name = info.data.get("name")
        if name is None:
            return class_name
        if class_name is None:
            return pascal_case(name)
        problem = class_name_problem(class_name, name)
        if problem is not None:
            raise ValueError(problem)
        return class_name

    @field_validator("extension")
    @classmethod
    def _known_extension(cls, extension: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind is None:
            return extension
        if extension is None:
            return "py" if kind == "code" else "md"
        allowed, what = _KIND_EXTENSIONS.get(kind, (HEADED_EXTENSIONS, "the core can header"))
        if extension not in allowed:
            raise ValueError(
                f"'.{extension}' files cannot be a {kind} type's: {what}"
                f" {', '.join(sorted(allowed))}"
            )
        return extension

    @field_validator("distribution")
    @classmethod
    def _free_distribution(cls, distribution: str | None, info: ValidationInfo) -> str | None:
        name = info.data.get("name")
        if distribution is None and name is None:
            return None
        # The default too: another distribution may hold its package.
        distribution = distribution or default_distribution(str(name))
        problem = distribution_problem(distribution)
        if problem is not None:
            raise ValueError(problem)
        return distribution

    @field_validator("fields")
    @classmethod
    def _fields_fit_the_kind(
        cls, fields: list[PluginField], info: ValidationInfo
    ) -> list[PluginField]:
        names = [field.name for field in fields]
        problems = repeated_name_problems("field", names)
        if info.data.get("kind") == "document":
            problems += [
                ((index, "name"), "document_field", f"'{name}' is {_DOCUMENT_FIELD}", name)
                for index, name in enumerate(names)
                if name in _DOCUMENT_NAMES
            ]
        first: dict[str, Loc] = {}
        for loc, path, spec in item_models(fields):
            name = item_class(*path)
            earlier = ".".join(map(str, ("fields", *first.setdefault(name, loc))))
            if first[name] != loc:
                message = f"its model would be the class '{name}', as {earlier}'s: rename one"
                problems.append(((*loc, "name"), "item_class", message, spec.name))
            if len(spec.name) + len(name) > _NAME_AND_CLASS:
                message = (
                    f"'{spec.name}' and its model's class '{name}' are too long together for"
                    f" the generated lines ({_NAME_AND_CLASS} characters at most): shorten one"
                )
                problems.append(((*loc, "name"), "name_length", message, spec.name))
        refuse(cls.__name__, problems)
        return fields

    @field_validator("examples")
    @classmethod
    def _valid_examples(
        cls, examples: list[dict[str, Any]], info: ValidationInfo
    ) -> list[dict[str, Any]]:
        fields, kind = info.data.get("fields"), info.data.get("kind")
        if fields is None or kind is None or not examples:
            return examples
        document, message = kind == "document", kind == "message"
        problems = example_problems(examples, fields, document=document, message=message)
        if problems:
            raise ValueError("not valid inputs of the new type: " + "; ".join(problems[:10]))
        return examples

    def artifact_files(self) -> tuple[ArtifactFile, ...]:
        """README, package module, ``py.typed``, templates, examples, tests (and parity)."""
        package, name, extension = self.package, self.name, self.extension
        files = [
            ArtifactFile("artifact_plugin/README.md.jinja2", "README.md"),
            ArtifactFile("artifact_plugin/package.py.jinja2", f"{package}/__init__.py"),
            ArtifactFile("artifact_plugin/py.typed.jinja2", f"{package}/py.typed"),
            ArtifactFile(
                "artifact_plugin/template.jinja2.jinja2",
                f"{package}/templates/{name}.{extension}.jinja2",
            ),
            ArtifactFile(
                "artifact_plugin/examples.yaml.jinja2",
                f"{package}/templates/{name}.examples.yaml",
            ),
            ArtifactFile("artifact_plugin/test_module.py.jinja2", f"tests/test_{name}.py"),
        ]
        if self.legacy_template is not None:
            files.append(
                ArtifactFile(
                    "artifact_plugin/legacy.jinja2.jinja2",
                    f"{package}/templates/{name}.v1.{extension}.jinja2",
                )
            )
            if self.examples:
                files.append(
                    ArtifactFile(
                        "artifact_plugin/parity.yaml.jinja2", f"{package}/parity/{name}.yaml"
                    )
                )
        return tuple(files)

    # --- names -------------------------------------------------------------------------

    @computed_field  # type: ignore[prop-decorator]
    @property
    def package(self) -> str:
        """The import package: ``scaffold_artifact_cli_command``."""
        return package_of(self.distribution or default_distribution(self.name))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def context_class(self) -> str:
        """``CliCommandContext``: the class the entry point names."""
        return f"{self.class_name or pascal_case(self.name)}Context"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title(self) -> str:
        """The type's name in words: ``Cli command``."""
        return self.name.replace("_", " ").capitalize()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """One line on the type: its description, else one made from its id; a sentence."""
        return sentence(self.description or f"The {self.name.replace('_', ' ')} artifact type")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def file_kind(self) -> str:
        """What the type writes, for the README: ``.py files`` or ``messages``."""
        if self.kind == "message":
            return f"{self.extension} messages, printed unless an output path is given"
        return f".{self.extension} files"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def toml_description(self) -> str:
        """The distribution's description as a TOML string."""
        text = f"scaffold artifact type '{self.name}': {self.summary}"
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    @computed_field  # type: ignore[prop-decorator]
    @property
    def output_pattern(self) -> str | None:
        """The new type's ``default_output_path``: ``cli_command.py``; none for a message."""
        return None if self.kind == "message" else f"{self.name}.{self.extension}"

    # --- the package module ------------------------------------------------------------

    @computed_field  # type: ignore[prop-decorator]
    @property
    def context_base(self) -> ContextBase:
        """What the generated Context subclasses."""
        if self.kind == "message":
            return "TypedDict"
        return "BaseDocumentContext" if self.kind == "document" else "BaseContext"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_classes(self) -> list[SourceClass]:
        """The classes of the generated module, in order."""
        return module_classes(
            self.class_name or pascal_case(self.name),
            self.context_base,
            self.fields,
            f"The input of the artifact type ``{self.name}``: {self.summary}",
            self.output_pattern,
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_imports(self) -> list[str]:
        """The generated module's imports, as ``module.Name``."""
        return module_imports(
            self.module_classes, sections=self.kind == "document" and bool(self.fields)
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def module_exports(self) -> list[str]:
        """The generated module's ``__all__``, sorted as ruff wants it."""
        return natural_order([source.name for source in self.module_classes])

    # --- templates and data files ------------------------------------------------------

    @computed_field  # type: ignore[prop-decorator]
    @property
    def template_source(self) -> str:
        """The v2 template's source: the given one, else the starter (no final newline)."""
        if self.template is not None:
            return self.template
        return starter_template(
            self._family(), self.title, self.summary, self.fields, self.extension or ""
        ).rstrip("\n")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def legacy_source(self) -> str:
        """The legacy template's source, as given (empty when there is none)."""
        return self.legacy_template or ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def example_lines(self) -> list[str]:
        """The new type's examples, one YAML flow line each."""
        return [yaml_flow(example) for example in self._examples()]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def rejection_lines(self) -> list[RejectionLine]:
        """The new type's rejection cases, each value a YAML flow line."""
        return [
            RejectionLine(
                input=yaml_flow(case["input"]),
                field=yaml_flow(case["field"]),
                message=yaml_flow(case["message"]),
            )
            for case in rejection_cases(self._examples()[0], self.fields)
        ]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def unknown_field(self) -> str:
        """A key that is no field of the new type, for its test of unknown input."""
        return str(rejection_cases({}, self.fields)[0]["field"])

    @computed_field  # type: ignore[prop-decorator]
    @property
    def field_lines(self) -> list[str]:
        """The README's list of the new type's fields: ``command`` (line, required): ..."""
        return [_field_line(field) for field in self.fields]

    def _examples(self) -> list[dict[str, Any]]:
        if self.examples:
            return self.examples
        return sample_examples(self.fields, self.title, document=self.kind == "document")

    def _family(self) -> Family:
        if self.kind == "message":
            return "message" if self.extension == "md" else "text"
        if self.extension in {"py", "pyi"}:
            return "python"
        if self.extension == "md":
            return "document" if self.kind == "document" else "markdown"
        return "comment"


def _field_line(field: PluginAttribute) -> str:
    """``command`` (line, required): The command's name."""
    shape = f"list of {field.type}" if field.many else field.type
    need = "required" if field.required else "optional"
    default = f", default {yaml_flow(field.default)}" if field.default is not None else ""
    return f"`{field.name}` ({shape}, {need}{default}): {field.label}"


class ArtifactPluginRenderContext(ArtifactPluginContext, BaseRenderContext):
    """What the ``artifact_plugin`` templates receive."""
