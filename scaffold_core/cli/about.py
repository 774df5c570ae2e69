"""``scaffold --version``: what is installed, read from the entry points without importing."""

import argparse
from collections import defaultdict
from typing import TextIO

import scaffold_core
from scaffold_core.discover.entry_points import (
    ARTIFACTS_GROUP,
    PLUGINS_GROUP,
    installed_entries,
)

__all__ = ["show_version"]

CORE = "scaffold-core"


def show_version(arguments: argparse.Namespace, out: TextIO) -> int:
    """``scaffold-core VERSION``; with ``-v``, one line per plugin distribution after it.

    A plugin line is ``DISTRIBUTION VERSION: ID, ...``, the artifact types (and, as
    ``extension NAME``, the ``scaffold.plugins`` hooks) it declares, sorted by distribution.
    No plugin is imported: a broken plugin still shows its version (``scaffold list`` says
    whether it loads).
    """
    out.write(f"{CORE} {core_version()}\n")
    if not arguments.verbose:
        return 0
    provided: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in installed_entries(ARTIFACTS_GROUP):
        provided[entry.distribution, entry.version].append(entry.name)
    for entry in installed_entries(PLUGINS_GROUP):
        provided[entry.distribution, entry.version].append(f"extension {entry.name}")
    for (distribution, version), names in sorted(provided.items()):
        out.write(f"{distribution} {version}: {', '.join(sorted(names))}\n")
    return 0


def core_version() -> str:
    """scaffold-core's version: ``scaffold_core.__version__``, which the build reads too.

    That line is the one place the version is set (docs/releasing.md), so an installed
    wheel's metadata says the same, and an editable install is never stale after a bump.
    """
    return scaffold_core.__version__
