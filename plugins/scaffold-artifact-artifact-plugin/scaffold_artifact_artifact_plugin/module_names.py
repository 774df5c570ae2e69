"""The names the generated module imports and reads, for ``module_source`` to write.

No field or attribute may take one: bound in a class body, it would hide it.
"""

from typing import Final

__all__ = ["IMPORTS", "MESSAGE_ANNOTATIONS", "READ_NAMES", "VALUE_ANNOTATIONS"]

VALUE_ANNOTATIONS: Final = {
    "line": "SingleLineText",
    "text": "Text",
    "integer": "int",
    "number": "float",
    "boolean": "StrictBool",
}
"""The annotation of one value of each field type."""

MESSAGE_ANNOTATIONS: Final = VALUE_ANNOTATIONS | {
    # A TypedDict is no BaseContext: its numbers are strict only when they say so.
    "integer": "StrictInt",
    "number": "StrictFloat",
}

IMPORTS: Final = {
    name: f"{module}.{name}"
    for module, names in {
        "pydantic": "BaseModel ConfigDict Field StrictBool StrictFloat StrictInt with_config",
        "scaffold_schemas": "BaseContext BaseDocumentContext BaseRenderContext SingleLineText"
        " Text section",
        "typing": "NotRequired",
        "typing_extensions": "TypedDict",
    }.items()
    for name in names.split()
}
"""Every name the module may import, with its import: ``"Field": "pydantic.Field"``."""

READ_NAMES: Final = {
    # list: list[...] and default_factory=list; None: X | None and default=None; the
    # annotations' names (IMPORTS says where the imported ones come from).
    **{name: f"builtins.{name}" for name in ("list", "None", *VALUE_ANNOTATIONS.values())},
    **IMPORTS,
}
"""Every name the module imports or reads in a class body, with where it comes from."""
