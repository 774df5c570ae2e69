"""The report commands: ``validate-architecture`` and ``catalogue``."""

import argparse
from typing import TextIO

from scaffold_core.architecture import validate_architecture
from scaffold_core.catalogue import catalogue_markdown
from scaffold_core.cli.output import write_json
from scaffold_core.discover import ArtifactRegistry
from scaffold_core.errors import ScaffoldError

__all__ = ["check_architecture", "show_catalogue"]


def check_architecture(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold validate-architecture``: exit 1 on any error (any finding with --strict).

    Nothing to check is a failure too (``ScaffoldError``, exit 1; under ``--json`` the error
    document), never a vacuous pass: no artifact plugin installed, or a named type that is
    not installed.
    """
    registry = ArtifactRegistry()
    installed = registry.ids()
    missing = [name for name in arguments.artifact_types or () if name not in installed]
    if not installed or missing:
        # A failed check (exit 1), not a usage error: CI names the plugins it expects.
        names = ", ".join(f"'{name}'" for name in missing)
        raise ScaffoldError(
            "no artifact plugin is installed: nothing to check"
            if not installed
            else f"not installed: {names} (installed: {', '.join(installed)}); nothing checked"
        )
    report = validate_architecture(registry, arguments.artifact_types)
    if arguments.json:
        write_json(report.as_json(strict=arguments.strict), out)
    else:
        out.write(report.as_text(strict=arguments.strict))
    return 1 if report.failed(strict=arguments.strict) else 0


def show_catalogue(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold catalogue``: every installed type, its fields and an example output."""
    del arguments  # the command takes no options
    out.write(catalogue_markdown())
    return 0
