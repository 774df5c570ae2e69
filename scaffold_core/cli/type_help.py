"""``scaffold new TYPE --help``: the usual help, then the fields the type takes."""

import argparse
import json
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from scaffold_core.errors import ScaffoldError

__all__ = ["TypeHelp", "field_lines"]


class TypeHelp(argparse.Action):
    """``-h``/``--help`` of ``new``: argparse's help, and the fields of a TYPE given before it.

    argparse acts on ``--help`` as soon as it reads it, before the command knows its type;
    a TYPE written before ``--help`` has been read by then (``scaffold new dto --help``).
    An unknown type prints the help and the error, exit 2.
    """

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str,
        **kwargs: Any,  # noqa: ANN401 -- argparse's own
    ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,  # noqa: ARG002 -- argparse's signature
        option_string: str | None = None,  # noqa: ARG002
    ) -> NoReturn:
        """Print the help (and the type's fields), then exit: 0, or 2 for an unknown type."""
        parser.print_help()
        artifact_type = getattr(namespace, "artifact_type", None)
        if artifact_type is None:
            sys.stdout.write("\nscaffold new TYPE --help: the fields of TYPE too\n")
            parser.exit()
        # Imported here: discovery is for a help that names a type.
        from scaffold_core.discover import ArtifactRegistry  # noqa: PLC0415

        try:
            schema = ArtifactRegistry().get(artifact_type).json_schema()
        except ScaffoldError as error:
            parser.exit(2, f"error: {error}\n")
        write_fields(artifact_type, schema, sys.stdout)
        parser.exit()


def write_fields(artifact_type: str, schema: dict[str, Any], out: TextIO) -> None:
    """A heading naming ``artifact_type``, then ``field_lines`` of its JSON Schema."""
    out.write(
        f"\nfields of '{artifact_type}' (-s FIELD=VALUE, or a --context file; the whole"
        f" JSON Schema: scaffold schema {artifact_type}):\n"
    )
    width = max(60, shutil.get_terminal_size().columns)
    out.writelines(f"{line}\n" for line in field_lines(schema, width=width))


def field_lines(schema: dict[str, Any], *, width: int = 80) -> list[str]:
    """One entry per property: name, required or optional, kind, description (wrapped).

    Required fields first, each group in the schema's order; a default is named after the
    description (``default: false``).
    """
    properties: dict[str, dict[str, Any]] = schema.get("properties", {})
    required = [name for name in properties if name in schema.get("required", ())]
    ordered = required + [name for name in properties if name not in required]
    name_width = max((len(name) for name in ordered), default=0)
    definitions: dict[str, dict[str, Any]] = schema.get("$defs", {})
    lines: list[str] = []
    for name in ordered:
        field = properties[name]
        status = "required" if name in required else "optional"
        lead = f"  {name:<{name_width}}  {status}  {_kind(field, definitions):<8} "
        text = field.get("description", "")
        if "default" in field and field["default"] is not None:
            text += f" (default: {json.dumps(field['default'])})"
        wrapped = textwrap.wrap(text, max(20, width - len(lead))) or [""]
        lines.append(lead + wrapped[0])
        lines += [" " * len(lead) + more for more in wrapped[1:]]
    return lines


_KINDS = {
    "string": "text",
    "boolean": "boolean",
    "integer": "integer",
    "number": "number",
    "array": "list",
    "object": "object",
}


def _kind(field: dict[str, Any], definitions: dict[str, dict[str, Any]]) -> str:
    """``text``, ``boolean``, ``list``, ``choice``, ... of a JSON Schema property.

    ``null`` is left out (an optional value); a ``$ref`` is read in ``definitions``.
    """
    kinds = []
    for option in field.get("anyOf", [field]):
        shape = definitions.get(str(option.get("$ref", "")).rpartition("/")[2], option)
        if "enum" in shape or "const" in shape:
            kinds.append("choice")
        elif shape.get("type") != "null":
            kinds.append(_KINDS.get(shape.get("type", ""), "value"))
    return " or ".join(dict.fromkeys(kinds)) or "value"
