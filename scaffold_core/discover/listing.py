"""What ``scaffold list`` shows, kept per plugin distribution so that no plugin is imported twice.

Listing a type means importing its plugin and compiling its templates: with 20 plugins that
is most of the command's time. The outcome of each distribution (its types' rows, broken
ones with their reason) is kept in the cache folder ``list``, in one file per state of the
installation, and reused while nothing it depends on has changed:

- the file's name covers scaffold-core (its version and the modification times and sizes of
  the modules that load and check plugins, for a source checkout), the folders of
  ``sys.path`` and their modification times (installing, upgrading or removing any
  distribution changes them) and the ``scaffold.plugins`` extensions with their files;
- each distribution's record is keyed on its name, version, entry points and the files of
  the top-level modules its entry points name (path, modification time, size: found with
  ``importlib.util.find_spec``, which imports nothing), so that editing an editable
  plugin's module or template checks that plugin again.

A record that does not match, or a file that cannot be read or has another shape, is
ignored and written anew (atomically: a temporary file renamed over it, so concurrent
commands each write a whole file). ``SCAFFOLD_NO_CACHE=1`` turns the cache off.
"""

import contextlib
import hashlib
import importlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

import scaffold_core
from scaffold_core.cache_dir import cache_directory, prune
from scaffold_core.discover.entry_points import (
    ARTIFACTS_GROUP,
    PLUGINS_GROUP,
    PluginEntry,
    installed_entries,
    sys_path_signature,
)

if TYPE_CHECKING:
    from scaffold_core.discover.list_check import TypeChecker

__all__ = ["LIST_FILES", "Listed", "Listing", "installed_listing"]

LIST_FILES: Final = 8
"""Listing files kept: one per state of the installation (e.g. per environment)."""

_FORMAT: Final = 1
_ROW_KEYS: Final = ("id", "kind", "distribution", "version", "status", "reason", "template")
# The core's modules whose code decides a plugin's outcome, for a source checkout.
_CORE_FOLDERS: Final = (
    Path(scaffold_core.__file__).parent / "discover",
    Path(scaffold_core.__file__).parent / "hooks",
    Path(scaffold_core.__file__).parent / "render",
    Path(scaffold_core.__file__).parent.parent / "scaffold_schemas",
)


@dataclass(frozen=True)
class Listed:
    """One artifact type as ``scaffold list`` shows it.

    ``row`` maps ``id``, ``kind``, ``distribution``, ``version``, ``status`` (``ok`` or
    ``broken``), ``reason`` and ``template`` (``None`` where they do not apply) to strings;
    ``problem`` is the ``broken: ...`` line's text, ``None`` for a usable type.
    """

    row: dict[str, str | None]
    problem: str | None


@dataclass(frozen=True)
class Listing:
    """Every installed artifact type, sorted by id, and the extensions that failed to load."""

    types: tuple[Listed, ...]
    extension_failures: tuple[str, ...]


def installed_listing() -> Listing:
    """The installed artifact types, each plugin imported only when its record is stale.

    Never raises for a broken plugin or a bad cache file: the former is a ``broken`` row,
    the latter is rewritten.
    """
    entries = installed_entries(ARTIFACTS_GROUP)
    extensions = installed_entries(PLUGINS_GROUP)
    claims: dict[str, list[PluginEntry]] = defaultdict(list)
    for entry in entries:
        claims[entry.name].append(entry)
    by_distribution: dict[tuple[str, str], list[PluginEntry]] = defaultdict(list)
    for entry in entries:
        if len(claims[entry.name]) == 1:
            by_distribution[entry.distribution, entry.version].append(entry)
    folder = cache_directory("list")
    path = None if folder is None else folder / f"{_file_key(extensions)}.json"
    cached = _read(path)
    records: dict[str, _Record] = {}
    fresh = _Fresh(entries, extensions)
    for (distribution, version), own in sorted(by_distribution.items()):
        label = f"{distribution} {version}"
        key = _distribution_key(own)
        record = cached.records.get(label)
        if record is None or key is None or record.key != key:
            record = _Record(key or "", tuple(fresh.listed(entry.name) for entry in own))
        records[label] = record
    listed = {str(item.row["id"]): item for record in records.values() for item in record.types}
    conflicts = sorted(name for name, claimed in claims.items() if len(claimed) > 1)
    listed |= {name: fresh.listed(name) for name in conflicts}
    if not extensions:
        failures: tuple[str, ...] = ()
    elif cached.extension_failures is not None and not fresh.used:
        failures = cached.extension_failures
    else:
        failures = fresh.extension_failures()
    if path is not None and (fresh.used or cached.extension_failures is None):
        _write(path, records, failures)
    return Listing(tuple(listed[name] for name in sorted(listed)), failures)


@dataclass(frozen=True)
class _Record:
    key: str
    types: tuple[Listed, ...]


@dataclass(frozen=True)
class _Cached:
    records: dict[str, _Record]
    extension_failures: tuple[str, ...] | None


class _Fresh:
    """Outcomes computed now, by a ``TypeChecker`` made on first need."""

    def __init__(self, entries: list[PluginEntry], extensions: list[PluginEntry]) -> None:
        self._entries = entries
        self._extensions = extensions
        self._checker: TypeChecker | None = None

    @property
    def used(self) -> bool:
        """Whether anything was computed (then plugins and extensions were loaded)."""
        return self._checker is not None

    def listed(self, artifact_id: str) -> Listed:
        """``artifact_id`` loaded and its templates compiled (imports the plugin)."""
        return self._check().listed(artifact_id)

    def extension_failures(self) -> tuple[str, ...]:
        """Why each ``scaffold.plugins`` extension that fails to load does (loads them)."""
        return self._check().extension_failures

    def _check(self) -> "TypeChecker":
        if self._checker is None:
            # Imported on a stale record only: a current listing imports no plugin, no
            # pydantic, no Jinja (start-up time).
            module = importlib.import_module("scaffold_core.discover.list_check")
            self._checker = cast(
                "TypeChecker", module.TypeChecker(self._entries, self._extensions)
            )
        return self._checker


def _file_key(extensions: Iterable[PluginEntry]) -> str:
    """The listing file's name: scaffold-core, ``sys.path`` and the extensions (see above)."""
    core = [_files(folder, recursive=False) for folder in _CORE_FOLDERS]
    extension_files = [
        [entry.name, entry.value, entry.distribution, entry.version, _module_files(entry)]
        for entry in extensions
    ]
    key = [_FORMAT, scaffold_core.__version__, core, sys_path_signature(), extension_files]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:24]


def _distribution_key(entries: list[PluginEntry]) -> str | None:
    """A distribution's name, version, entry points and module files; ``None``: uncachable."""
    files = [_module_files(entry) for entry in entries]
    if any(found is None for found in files):
        return None
    points = [[entry.name, entry.value] for entry in entries]
    key = [entries[0].distribution, entries[0].version, points, files]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()[:24]


def _module_files(entry: PluginEntry) -> list[list[object]] | None:
    """The files of the top-level package ``entry`` names, without importing it.

    Of a namespace package (no ``__init__``, shared by distributions), only the part the
    entry names. ``[]`` when the module is not found (the plugin is broken until it is);
    ``None`` when the finder fails, which makes the outcome uncachable.
    """
    top, _, rest = entry.module.partition(".")
    try:
        spec = find_spec(top) if top else None
    except (ImportError, ValueError):
        return None
    if spec is None:
        return []
    if spec.submodule_search_locations is not None:
        folders = [Path(location) for location in spec.submodule_search_locations]
        if spec.origin is None and rest:
            part = rest.partition(".")[0]
            folders = [path for folder in folders for path in _module_paths(folder / part)]
        return [row for folder in folders for row in _files(folder, recursive=True)]
    if spec.origin is None or not spec.has_location:
        return [[spec.origin or top]]
    return [
        row for path in _module_paths(Path(spec.origin)) for row in _files(path, recursive=True)
    ]


def _module_paths(module: Path) -> list[Path]:
    """Where a module's code and templates are: its package, or its file and ``templates``.

    ``module`` is a module's file, or a path without suffix: a folder, or ``<path>.py``.
    """
    if module.is_dir():
        return [module]
    file = module if module.is_file() else module.with_name(f"{module.name}.py")
    return [file, file.parent / "templates"]


def _files(path: Path, *, recursive: bool) -> list[list[object]]:
    """``[path, mtime_ns, size]`` of ``path`` or of the files under it, compiled ones aside."""
    if path.is_file():
        return [_stat(path)]
    found: list[list[object]] = []
    for folder, subfolders, names in os.walk(path):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        found += [_stat(Path(folder, name)) for name in sorted(names)]
        if not recursive:
            break
    return found


def _stat(path: Path) -> list[object]:
    try:
        status = path.stat()
    except OSError:
        return [str(path)]
    return [str(path), status.st_mtime_ns, status.st_size]


def _read(path: Path | None) -> _Cached:
    """The records in ``path``; none when it is missing, unreadable or of another shape."""
    nothing = _Cached({}, None)
    if path is None:
        return nothing
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return nothing
    try:
        return _parsed(document)
    except (AttributeError, TypeError, KeyError, ValueError):
        return nothing


def _parsed(document: object) -> _Cached:
    """The records of a listing file's JSON; raises a ``TypeError`` or alike on another shape."""
    if not isinstance(document, dict) or document.get("format") != _FORMAT:
        raise ValueError(document)
    failures = document["extension_failures"]
    if not isinstance(failures, list) or not all(isinstance(f, str) for f in failures):
        raise TypeError(failures)
    records = {}
    for label, record in document["distributions"].items():
        types = tuple(_parsed_type(item) for item in record["types"])
        if not isinstance(label, str) or not isinstance(record["key"], str):
            raise TypeError(label)
        records[label] = _Record(record["key"], types)
    return _Cached(records, tuple(failures))


def _parsed_type(item: dict[str, object]) -> Listed:
    row, problem = item["row"], item["problem"]
    if not (
        isinstance(row, dict)
        and tuple(row) == _ROW_KEYS
        and all(value is None or isinstance(value, str) for value in row.values())
        and isinstance(row["id"], str)
        and (problem is None or isinstance(problem, str))
    ):
        raise TypeError(item)
    return Listed(cast("dict[str, str | None]", row), problem)


def _write(path: Path, records: dict[str, _Record], failures: tuple[str, ...]) -> None:
    """Replace ``path`` with the listing, whole (a renamed temporary file), then prune."""
    document = {
        "format": _FORMAT,
        "extension_failures": list(failures),
        "distributions": {
            label: {
                "key": record.key,
                "types": [{"row": item.row, "problem": item.problem} for item in record.types],
            }
            for label, record in records.items()
            if record.key
        },
    }
    tempfile = importlib.import_module("tempfile")  # only when writing (start-up time)
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(document, stream)
            Path(temporary).replace(path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
    prune(path.parent, "*.json", LIST_FILES)
