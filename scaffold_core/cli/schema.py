"""``scaffold schema TYPE [--skeleton [--format FORMAT]]``: what an artifact type takes."""

import argparse
from typing import TextIO

from scaffold_core.cli.output import write_json
from scaffold_core.discover import ArtifactRegistry
from scaffold_core.errors import BadOption
from scaffold_core.skeleton import FORMATS, build_skeleton, render_skeleton

__all__ = ["show_schema"]


def show_schema(arguments: argparse.Namespace, out: TextIO) -> int:
    """The JSON Schema of the type's Context, or with ``--skeleton`` a context file to fill in.

    Raises ``BadOption`` (exit 2) for ``--format`` without ``--skeleton`` (the schema is
    JSON only) and for a skeleton the format cannot write (TOML has no null: a plugin whose
    examples hold one inside a list), ``UnknownArtifactType`` for a type no plugin provides.
    """
    if arguments.format is not None and not arguments.skeleton:
        raise BadOption(
            f"--format {arguments.format} applies to --skeleton only: the schema itself is"
            " JSON; use 'scaffold schema TYPE --skeleton --format FORMAT'"
        )
    artifact = ArtifactRegistry().get(arguments.artifact_type)
    if arguments.skeleton:
        document_format = arguments.format or FORMATS[0]
        try:
            text = render_skeleton(build_skeleton(artifact), document_format)
        except ValueError as error:
            raise BadOption(
                f"no {document_format} skeleton of '{artifact.artifact_id}': {error};"
                " use --format yaml or json"
            ) from error
        out.write(text)
    else:
        write_json(artifact.json_schema(), out)
    return 0
