"""``scaffold list``: the installed artifact types, from the listing cache when it is current."""

import argparse
from typing import TextIO

from scaffold_core.cli.output import write_json
from scaffold_core.discover.listing import installed_listing
from scaffold_core.text_table import table

__all__ = ["list_types"]

COLUMNS = ("id", "kind", "distribution", "version", "status")


def list_types(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold list``: every installed artifact type, broken ones with their reason.

    A type whose v2 or v1 template does not compile is broken too. A plugin is imported
    only when its cached outcome is stale (``scaffold_core.discover.listing``).
    """
    listing = installed_listing()
    rows: list[dict[str, object]] = [dict(listed.row) for listed in listing.types]
    failures = list(listing.extension_failures)
    if arguments.json:
        write_json({"artifact_types": rows, "extension_failures": failures}, out)
        return 0
    out.write(table(COLUMNS, rows))
    problems = [listed.problem for listed in listing.types if listed.problem is not None]
    for problem in [*problems, *failures]:
        out.write(f"\nbroken: {problem}\n")
    return 0
