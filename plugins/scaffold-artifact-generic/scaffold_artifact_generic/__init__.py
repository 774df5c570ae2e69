"""Artifact type ``generic``: a plain module with a class.

The generated module holds one ordinary class (no framework base): a docstring listing its
responsibilities, typed class-level constants and typed method stubs that raise
``NotImplementedError`` until their behaviour is written.
"""

import re
from collections.abc import Iterable
from typing import Annotated, Final, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, computed_field, model_validator
from pydantic_core import PydanticCustomError

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    ImportPath,
    PythonExpression,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    names_in_expression,
    required_imports,
    undefined_names,
)

__all__ = [
    "ConstantName",
    "GenericConstant",
    "GenericContext",
    "GenericMethod",
    "GenericParameter",
    "GenericRenderContext",
]

_CONSTANT_NAME: Final = re.compile(r"[A-Z][A-Z0-9_]*")

# What the generated module imports on its own when it has constants.
_CONSTANT_IMPORTS: Final = {"Final": "typing.Final"}


def _constant_name(value: str) -> str:
    if not _CONSTANT_NAME.fullmatch(value):
        raise PydanticCustomError(
            "constant_name",
            "expected an UPPER_SNAKE_CASE constant name, e.g. 'MAX_RETRIES'",
            {"value": value},
        )
    return value


ConstantName = Annotated[str, AfterValidator(_constant_name)]
"""An UPPER_SNAKE_CASE name for a class-level constant."""


class GenericParameter(BaseModel):
    """One parameter of a method, after ``self``."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The parameter name, snake_case.")
    type: PythonTypeExpression = Field(description="Its type annotation, e.g. 'str | None'.")
    default: PythonExpression | None = Field(
        default=None, description="A default value as Python source, e.g. 'None' or '3'."
    )
    description: SingleLineText | None = Field(
        default=None, description="What the argument means; listed under 'Args:'."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def declaration(self) -> str:
        """The parameter as written in the signature, e.g. ``limit: int = 10``."""
        head = f"{self.name}: {self.type}"
        return head if self.default is None else f"{head} = {self.default}"


class GenericMethod(BaseModel):
    """One method of the class, generated as a stub."""

    model_config = ConfigDict(extra="forbid")

    name: SnakeCaseName = Field(description="The method name, snake_case.")
    params: list[GenericParameter] = Field(
        default_factory=list, description="Its parameters after 'self', in order."
    )
    returns: PythonTypeExpression = Field(
        default="None", description="The return type annotation."
    )
    description: SingleLineText | None = Field(
        default=None, description="One line on what the method does; its docstring summary."
    )
    is_async: bool = Field(default=False, description="Generate an 'async def'.")

    @model_validator(mode="after")
    def _valid_signature(self) -> Self:
        names = [param.name for param in self.params]
        if "self" in names:
            raise ValueError(f"method '{self.name}': 'self' is added already, remove it")
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(
                f"method '{self.name}': parameter names must be unique;"
                f" repeated: {', '.join(duplicates)}"
            )
        defaulted = False
        for param in self.params:
            if param.default is None and defaulted:
                raise ValueError(
                    f"method '{self.name}': parameter '{param.name}' has no default but"
                    " follows one that has; move it before them"
                )
            defaulted = defaulted or param.default is not None
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def docstring(self) -> str:
        """The docstring text: the summary, then an ``Args:`` section when arguments have one."""
        words = self.name.strip("_").replace("_", " ") or self.name
        summary = self.description or words.capitalize() + "."
        described = [param for param in self.params if param.description is not None]
        if not described:
            return summary
        lines = [f"    {param.name}: {param.description}" for param in described]
        return "\n".join([summary, "", "Args:", *lines])

    def expressions(self) -> tuple[list[str], list[str]]:
        """The type expressions and the default expressions the method writes."""
        types = [param.type for param in self.params] + [self.returns]
        defaults = [param.default for param in self.params if param.default is not None]
        return types, defaults


class GenericConstant(BaseModel):
    """One class-level constant, written as ``NAME: Final[type] = value``."""

    model_config = ConfigDict(extra="forbid")

    name: ConstantName = Field(description="The constant's name, UPPER_SNAKE_CASE.")
    value: PythonExpression = Field(description="Its value as Python source, e.g. '3'.")
    type: PythonTypeExpression | None = Field(
        default=None, description="Its type, e.g. 'int'; inferred from the value when omitted."
    )
    description: SingleLineText | None = Field(
        default=None, description="What it stands for; written as its docstring."
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def annotation(self) -> str:
        """``Final[type]``, or bare ``Final`` when the type is inferred."""
        return "Final" if self.type is None else f"Final[{self.type}]"


class GenericContext(BaseContext):
    """What a user provides to scaffold a plain module with a class."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "RateLimiter",
                    "description": "Decides whether a client may make another request.",
                    "layer": "api",
                    "responsibilities": [
                        "Count requests per client in a sliding window",
                        "Reject requests over the limit",
                    ],
                    "constants": [
                        {
                            "name": "DEFAULT_LIMIT",
                            "type": "int",
                            "value": "100",
                            "description": "Requests allowed per window.",
                        },
                        {"name": "WINDOW", "type": "timedelta", "value": "timedelta(minutes=1)"},
                    ],
                    "methods": [
                        {
                            "name": "allow",
                            "description": "Whether the client may make a request now.",
                            "params": [
                                {
                                    "name": "client_id",
                                    "type": "str",
                                    "description": "The API key or IP address.",
                                },
                                {"name": "now", "type": "datetime | None", "default": "None"},
                            ],
                            "returns": "bool",
                        },
                        {
                            "name": "reset",
                            "description": "Forget every request the client made so far.",
                            "params": [{"name": "client_id", "type": "str"}],
                        },
                    ],
                },
                {"name": "SlugGenerator"},
                {
                    "name": "ReportExporter",
                    "description": "Writes finished reports to the archive.",
                    "imports": ["app.reports.Report"],
                    "methods": [
                        {
                            "name": "export",
                            "params": [
                                {"name": "report", "type": "Report"},
                                {"name": "target", "type": "Path"},
                            ],
                            "returns": "Path",
                            "description": "Write the report below the target folder.",
                            "is_async": True,
                        },
                        {
                            "name": "formats",
                            "description": "The file formats the archive accepts.",
                            "returns": "list[str]",
                        },
                    ],
                },
            ]
        }
    )

    default_output_path = "src/{name:snake}.py"

    name: ClassName = Field(description="The class name, PascalCase.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the class does; its docstring summary."
    )
    layer: SnakeCaseName | None = Field(
        default=None,
        description="The architectural layer the class belongs to; named in the docstring"
        " when there is no description.",
    )
    responsibilities: list[SingleLineText] = Field(
        default_factory=list,
        description="What the class is accountable for, one line each; listed in its docstring.",
    )
    constants: list[GenericConstant] = Field(
        default_factory=list, description="Class-level constants, in order."
    )
    methods: list[GenericMethod] = Field(
        default_factory=list, description="The methods, in order; each is generated as a stub."
    )
    imports: list[ImportPath] = Field(
        default_factory=list,
        description="Imports the types and defaults need beyond builtins and common standard"
        " types, as 'module.Name', e.g. 'app.reports.Report'.",
    )

    @model_validator(mode="after")
    def _unique_members(self) -> Self:
        for kind, names in (
            ("method", [method.name for method in self.methods]),
            ("constant", [constant.name for constant in self.constants]),
        ):
            duplicates = sorted({name for name in names if names.count(name) > 1})
            if duplicates:
                raise ValueError(f"{kind} names must be unique; repeated: {', '.join(duplicates)}")
        return self

    @model_validator(mode="after")
    def _names_defined(self) -> Self:
        types, defaults = self._expressions()
        # A constant may serve as a later constant's value or as a parameter default: both are
        # evaluated in the class body, where the constant is bound by then.
        constants = [constant.name for constant in self.constants]
        for index, constant in enumerate(self.constants):
            early = set(names_in_expression(constant.value)).intersection(constants[index:])
            if early:
                raise ValueError(
                    f"constant '{constant.name}' uses {', '.join(sorted(early))}, which is"
                    " not bound yet at that point"
                )
        _check_names(
            self.name,
            types,
            defaults,
            self.imports,
            generated=_CONSTANT_IMPORTS if self.constants else {},
            class_level=dict.fromkeys(constants, "a constant"),
            shadowing={method.name: "a method" for method in self.methods},
        )
        return self

    def _expressions(self) -> tuple[list[str], list[str]]:
        """Every type expression and every value expression the module writes."""
        types = [constant.type for constant in self.constants if constant.type is not None]
        defaults = [constant.value for constant in self.constants]
        for method in self.methods:
            method_types, method_defaults = method.expressions()
            types += method_types
            defaults += method_defaults
        return types, defaults

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type_imports(self) -> list[str]:
        """Every import the types and values need, as ``module.Name``."""
        types, defaults = self._expressions()
        return required_imports(types + defaults, self.imports)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """The description, or a sentence naming the layer."""
        if self.description is not None:
            return self.description
        if self.layer is not None:
            return f"Part of the {self.layer} layer."
        return "A plain class."

    @computed_field  # type: ignore[prop-decorator]
    @property
    def class_docstring(self) -> str:
        """The class docstring text: the summary, then the responsibilities as a list."""
        if not self.responsibilities:
            return self.summary
        items = [f"- {item}" for item in self.responsibilities]
        return "\n".join([self.summary, "", "Responsibilities:", *items])


def _check_names(
    class_name: str,
    types: Iterable[str],
    defaults: Iterable[str],
    imports: Iterable[str],
    *,
    generated: dict[str, str],
    class_level: dict[str, str],
    shadowing: dict[str, str],
) -> None:
    """Reject names that would leave the module failing pyflakes or at import time.

    ``types`` and ``defaults`` are the expressions the module writes, ``imports`` the user's
    ``module.Name`` imports, ``generated`` the imports the template writes on its own (by
    the name they bind). ``class_level`` names (constants) are bound in the class body and
    may be used in defaults but not in types; ``shadowing`` names (methods) are bound there
    too and may be used in neither, as they would hide what the name means outside.
    """
    types, defaults, imports = list(types), list(defaults), list(imports)
    used_in_types = set().union(*(names_in_expression(source) for source in types))
    used = used_in_types.union(*(names_in_expression(source) for source in defaults))
    if class_name in used:
        raise ValueError(
            f"'{class_name}' is not defined yet inside its own class body: write 'Self'"
            f" (import typing.Self) or the quoted forward reference '\"{class_name}\"'"
        )
    undefined = sorted(
        set(undefined_names(types, imports))
        | (set(undefined_names(defaults, imports)) - class_level.keys())
    )
    if undefined:
        raise ValueError(
            f"types or defaults use {', '.join(undefined)}, which nothing defines:"
            " add each as 'module.Name' to imports"
        )
    bound: dict[str, str] = {}
    for path in imports:
        name = path.rpartition(".")[2]
        if name not in used:
            raise ValueError(f"import '{path}' is not used by any type or default: remove it")
        other = bound.get(name, generated.get(name, path))
        if other != path:
            raise ValueError(f"import '{path}' clashes with '{other}', which binds '{name}' too")
        if name in class_level or name in shadowing:
            raise ValueError(f"import '{path}' binds '{name}', which the class defines too")
        bound[name] = path
    for name, what in class_level.items():
        if name in used_in_types:
            raise ValueError(f"'{name}' is {what} and may not be used in a type annotation")
    for name, what in shadowing.items():
        if name in used:
            raise ValueError(
                f"'{name}' is {what} and also a name the types or defaults use: rename one"
            )


class GenericRenderContext(GenericContext, BaseRenderContext):
    """What the ``generic`` template receives."""
