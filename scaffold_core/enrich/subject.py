"""The module a test is scaffolded for: ``scaffold new unit_test --for PATH``.

``PATH`` is a Python file scaffold wrote and recorded (``.scaffold/records/<PATH>.json``
proves it). Its public classes, their public methods and its public functions are read
from its source with ``ast`` (the file as it is now, edits included; in a recipe, the
earlier step's rendering), so any Python artifact type serves without knowing its fields.
The test type turns that ``ModuleUnderTest`` into its input
(``PytestModuleContext.input_for``); the fields the user gives win over it.

The import path comes from the output path and the source root: ``src/`` when the file is
under the project's ``src/`` folder (the src layout), else the project root (the flat
layout). ``src/shop/refund_worker.py`` is ``shop.refund_worker``; ``app/models/order.py``
is ``app.models.order``; a package's ``__init__.py`` is the package.
"""

import ast
import keyword
from pathlib import Path, PurePosixPath
from typing import Final

from scaffold_core.discover import ArtifactRegistry, ArtifactType, BrokenArtifact
from scaffold_core.errors import BadOption
from scaffold_core.write.record import RECORD_FOLDER, RECORD_SUFFIX, read_record, record_target
from scaffold_schemas import ClassUnderTest, ModuleUnderTest

__all__ = [
    "SOURCE_FOLDER",
    "check_takes_subject",
    "module_path",
    "read_subject",
    "source_subject",
    "subject_input",
]

SOURCE_FOLDER: Final = "src"
"""The folder of a src layout: a file under it is imported from it, any other from the root."""

_FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def module_path(output_path: str) -> str:
    """The dotted import path of the Python file at ``output_path`` (relative, POSIX).

    ``src/shop/refund_worker.py`` gives ``shop.refund_worker``; ``shop/__init__.py`` gives
    ``shop``. Raises ``ValueError`` (the reason) for a file that is no Python module or a
    path part that is no Python name (``my-app``, ``class``).
    """
    path = PurePosixPath(output_path)
    if path.suffix != ".py":
        raise ValueError("is not a Python module (a .py file): --for takes the module to test")
    parts = list(path.with_suffix("").parts)
    if len(parts) > 1 and parts[0] == SOURCE_FOLDER:
        parts = parts[1:]
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    for part in parts:
        if not part.isidentifier() or keyword.iskeyword(part):
            raise ValueError(
                f"cannot be imported: '{part}' is no Python name (the import path is its"
                f" path from {SOURCE_FOLDER}/, or from the project root outside {SOURCE_FOLDER}/)"
            )
    return ".".join(parts)


def source_subject(output_path: str, source: str, *, option: str = "--for") -> ModuleUnderTest:
    """The module at ``output_path`` (relative, POSIX) whose text is ``source``.

    Raises ``BadOption`` (quoting ``option`` and the path) when it is no importable Python
    module or does not parse.
    """
    try:
        module = module_path(output_path)
        tree = ast.parse(source, filename=output_path)
    except SyntaxError as error:
        raise BadOption(
            f"{option} {output_path}: does not parse as Python (line {error.lineno}:"
            f" {error.msg}); fix it, then scaffold its test"
        ) from None
    except ValueError as error:
        raise BadOption(f"{option} {output_path}: {error}") from None
    classes = tuple(
        ClassUnderTest(node.name, _public_functions(node.body))
        for node in tree.body
        if isinstance(node, ast.ClassDef) and _public(node.name)
    )
    return ModuleUnderTest(module, classes, _public_functions(tree.body))


def read_subject(project_root: Path, given: str) -> ModuleUnderTest:
    """The recorded Python module at ``given`` (relative to ``project_root``, or absolute).

    Raises ``BadOption`` naming the path: outside the project, no Python module, missing,
    without a provenance record (and how to get one), a record that cannot be read as one
    (``read_record``), a file that does not parse.
    """
    root = project_root.resolve()
    target = Path(given)
    target = (target if target.is_absolute() else root / target).resolve()
    if not target.is_relative_to(root):
        raise BadOption(
            f"--for {given}: is outside the project ({root}): give a file of the project,"
            " relative to its root"
        )
    relative = target.relative_to(root).as_posix()
    try:
        module_path(relative)
    except ValueError as error:
        raise BadOption(f"--for {given}: {error}") from None
    if not target.is_file():
        raise BadOption(f"--for {given}: no such file in the project ({root})")
    record = record_target(root, relative)
    if not record.is_file():
        raise BadOption(
            f"--for {given}: scaffold has no record of it ({RECORD_FOLDER}/{relative}"
            f"{RECORD_SUFFIX}), so it is no artifact scaffold wrote: --for takes a file"
            " written by 'scaffold new' with records on (not --no-record, not [tool.scaffold]"
            " record = false); for any other module give the test's fields with -s or"
            " --context"
        )
    try:
        read_record(root, relative)  # a record of scaffold's shape: the file is an artifact
    except (OSError, ValueError) as error:
        raise BadOption(f"--for {given}: its record cannot be read: {error}") from None
    try:
        source = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BadOption(f"--for {given}: cannot be read: {error}") from None
    return source_subject(relative, source)


def check_takes_subject(
    artifact: ArtifactType, registry: ArtifactRegistry, *, option: str = "--for"
) -> None:
    """Refuse ``option`` (``--for``) with a type that is not filled from a module under test.

    Raises ``BadOption`` naming the installed types that are (from ``registry``).
    """
    if _input_for(artifact, _PROBE) is not None:
        return
    takers = [
        outcome.artifact_id
        for outcome in registry.inspect_all()
        if not isinstance(outcome, BrokenArtifact) and _input_for(outcome, _PROBE) is not None
    ]
    raise BadOption(
        f"{option} fills a test from the module it tests; '{artifact.artifact_id}' is not filled"
        f" that way (the types that are: {', '.join(takers) or 'none installed'})"
    )


def subject_input(artifact: ArtifactType, subject: ModuleUnderTest) -> dict[str, object]:
    """The input ``artifact`` derives from ``subject`` (its Context's ``input_for``).

    Raises ``BadOption`` when the type is not filled from a module (see
    ``check_takes_subject``, which names the types that are).
    """
    derived = _input_for(artifact, subject)
    if derived is None:
        raise BadOption(f"'{artifact.artifact_id}' is not filled from a module under test")
    return derived


# What a type is asked to fill from, to learn whether it takes a module under test at all.
_PROBE: Final = ModuleUnderTest("subject")


def _input_for(artifact: ArtifactType, subject: ModuleUnderTest) -> dict[str, object] | None:
    input_for = getattr(artifact.context_class, "input_for", None)
    derived = input_for(subject) if callable(input_for) else None
    return dict(derived) if isinstance(derived, dict) else None


def _public(name: str) -> bool:
    return not name.startswith("_")


def _public_functions(body: list[ast.stmt]) -> tuple[str, ...]:
    """The public function names defined in ``body``, once each (a property's setter too)."""
    names = (node.name for node in body if isinstance(node, _FunctionNode) and _public(node.name))
    return tuple(dict.fromkeys(names))
