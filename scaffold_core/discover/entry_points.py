"""Find artifact plugins from installed metadata, without importing any of them.

The standard library's ``importlib.metadata`` is used, and imported only when the index
below is (re)built: with the e-mail parser it needs, it costs about 20 ms to import.

Reading every installed distribution's metadata is the slow part of start-up when many are
installed, so the scaffold entry points are kept in an index file in the cache, valid for
one state of ``sys.path``: its folders and their modification times (installing or
removing a distribution changes the folder that holds it). Within a process they are read
once.
"""

import contextlib
import hashlib
import importlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

from scaffold_core.cache_dir import cache_directory, prune

if TYPE_CHECKING:
    from importlib import metadata

__all__ = [
    "ARTIFACTS_GROUP",
    "PLUGINS_GROUP",
    "PYDANTIC_GROUP",
    "PluginEntry",
    "installed_entries",
    "sys_path_signature",
]

ARTIFACTS_GROUP = "scaffold.artifacts"
PLUGINS_GROUP = "scaffold.plugins"
PYDANTIC_GROUP = "pydantic"
"""Pydantic's own plugins: indexed so that the command line can skip pydantic's search."""

_GROUPS: Final = (ARTIFACTS_GROUP, PLUGINS_GROUP, PYDANTIC_GROUP)


@dataclass(frozen=True)
class PluginEntry:
    """One entry point as installed metadata declares it: nothing imported yet.

    In ``scaffold.artifacts`` the name is the artifact type id; in ``scaffold.plugins`` it
    names the extension.
    """

    name: str
    value: str
    distribution: str
    version: str

    @property
    def module(self) -> str:
        """The module the entry point names (before the colon)."""
        return self.value.partition(":")[0].strip()

    @property
    def attribute(self) -> str:
        """The object path inside the module (after the colon), empty when there is none."""
        return self.value.partition(":")[2].strip()

    @property
    def origin(self) -> str:
        """Who declared this entry: distribution, version and the entry point itself."""
        return f"{self.distribution} {self.version} (entry point '{self.name} = {self.value}')"


def installed_entries(group: str) -> list[PluginEntry]:
    """The entry points of ``group`` of every installed distribution (read once, then kept)."""
    return list(_read().get(group, ()))


@cache
def _read() -> dict[str, tuple[PluginEntry, ...]]:
    # Every group from one reading of the index (a command asks for two or three groups).
    return {
        group: tuple(PluginEntry(**fields) for fields in entries)
        for group, entries in _index().items()
    }


INDEX_FILES: Final = 8
"""Entry-point index files kept: one per state of ``sys.path`` (e.g. per environment)."""

_FIELDS: Final = frozenset(field.name for field in fields(PluginEntry))


def _index() -> dict[str, list[dict[str, str]]]:
    """Every scaffold entry point by group, from the cache when ``sys.path`` is unchanged.

    A cached index that does not parse or has another shape is ignored and written anew;
    only the ``INDEX_FILES`` most recently used index files are kept.
    """
    folder = cache_directory("entry-points")
    name = f"{sys_path_signature()}.json"
    if folder is not None and (folder / name).is_file():
        with contextlib.suppress(OSError, ValueError):
            cached = json.loads((folder / name).read_text(encoding="utf-8"))
            if _is_index(cached):
                os.utime(folder / name)  # used: kept by prune
                return cast("dict[str, list[dict[str, str]]]", cached)
    # Imported here, on a cache miss only (start-up time).
    metadata = importlib.import_module("importlib.metadata")
    index = {
        group: [asdict(entry) for entry in _entries(metadata.entry_points(group=group))]
        for group in _GROUPS
    }
    if folder is not None:
        with contextlib.suppress(OSError):
            temporary = folder / f".{name}.{os.getpid()}"
            temporary.write_text(json.dumps(index), encoding="utf-8")
            temporary.replace(folder / name)
        prune(folder, "*", INDEX_FILES)
    return index


def _is_index(value: object) -> bool:
    """Whether ``value`` has the shape ``_index`` writes: group -> list of entry fields."""
    return isinstance(value, dict) and all(
        group in value
        and isinstance(value[group], list)
        and all(
            isinstance(entry, dict)
            and set(entry) == _FIELDS
            and all(isinstance(text, str) for text in entry.values())
            for entry in value[group]
        )
        for group in _GROUPS
    )


def sys_path_signature() -> str:
    """24 hex characters naming this state of ``sys.path``: its folders and their mtimes.

    Installing, upgrading or removing a distribution changes the folder that holds it, so
    whatever is computed from the installed distributions can be kept under this name.
    """
    signature = json.dumps([[entry, _mtime(entry)] for entry in sys.path])
    return hashlib.sha256(signature.encode()).hexdigest()[:24]


def _mtime(path: str) -> int:
    try:
        return Path(path or ".").stat().st_mtime_ns
    except OSError:
        return 0


def _entries(points: "Iterable[metadata.EntryPoint]") -> Iterable[PluginEntry]:
    for point in points:
        dist = point.dist
        yield PluginEntry(
            name=point.name,
            value=point.value,
            distribution=dist.name if dist is not None else "<unknown distribution>",
            version=dist.version if dist is not None else "?",
        )
