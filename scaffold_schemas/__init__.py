"""Base classes and field types that artifact plugins import (depends on pydantic only)."""

from scaffold_schemas.base import BaseContext, BaseRenderContext
from scaffold_schemas.documents import SECTION_KEY, BaseDocumentContext, section
from scaffold_schemas.fields import (
    ClassName,
    DocumentStatus,
    DottedModulePath,
    Identifier,
    ImportPath,
    PythonExpression,
    PythonTypeExpression,
    SingleLineText,
    SnakeCaseName,
    Text,
    VersionString,
)
from scaffold_schemas.lifecycle import (
    LIFECYCLE_FIELDS,
    LifecycleMixin,
    RelativePosixPath,
    VersionHash,
)
from scaffold_schemas.python_names import (
    KNOWN_TYPE_IMPORTS,
    names_in_expression,
    required_imports,
    undefined_names,
)
from scaffold_schemas.python_source import python_string

__all__ = [
    "KNOWN_TYPE_IMPORTS",
    "LIFECYCLE_FIELDS",
    "SECTION_KEY",
    "BaseContext",
    "BaseDocumentContext",
    "BaseRenderContext",
    "ClassName",
    "DocumentStatus",
    "DottedModulePath",
    "Identifier",
    "ImportPath",
    "LifecycleMixin",
    "PythonExpression",
    "PythonTypeExpression",
    "RelativePosixPath",
    "SingleLineText",
    "SnakeCaseName",
    "Text",
    "VersionHash",
    "VersionString",
    "names_in_expression",
    "python_string",
    "required_imports",
    "section",
    "undefined_names",
]
