"""Import every generated Python module of one folder; print what failed, as JSON.

Run as ``python tests/import_check.py FOLDER REPORT`` (the fuzzing harness starts it once per
batch, so that the generated code runs in a process of its own). Writes ``{file name: "Error:
message"}`` as JSON to REPORT (generated code may print) for each module that fails to import
or defines a pydantic model that cannot be completed (a forward reference to a name that does
not exist).

The generated code imports the user's own project (``app.shipping.Carrier``), which does not
exist here. A module that this environment cannot find is replaced, for the time of one
import, by a stand-in in which every name is a permissive pydantic model class. So the
import fails only for the generated code's own faults: a ``TypeError`` from a field named
like the type it uses, a ``PydanticUserError`` from a private field name, an import of a
name that a real module lacks.
"""

import ast
import importlib.util
import json
import sys
import types
from pathlib import Path

from pydantic import BaseModel, ConfigDict


class ProjectModule(types.ModuleType):
    """A module of the user's project: any public name it is asked for is a model class.

    A model class can stand for what user code imports: a type in an annotation, a base
    class, a default factory, a generic (``Page[Order]``).
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__path__: list[str] = []

    def __getattr__(self, name: str) -> type[BaseModel]:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        stand_in = types.new_class(
            name,
            (BaseModel,),
            exec_body=lambda namespace: namespace.update(
                model_config=ConfigDict(extra="allow"),
                __module__=self.__name__,
                __class_getitem__=classmethod(lambda cls, _item: cls),
            ),
        )
        setattr(self, name, stand_in)
        return stand_in


def imported_modules(source: str) -> list[str]:
    """The absolute module paths ``source`` imports, in order, each once."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return list(dict.fromkeys(found))


def is_available(module: str) -> bool:
    """Whether this environment can import ``module`` (its parents imported to find out)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def stand_ins(modules: list[str]) -> list[str]:
    """Put a ``ProjectModule`` in ``sys.modules`` for each missing module and missing parent.

    Returns the names put there, so that the caller can take them out again.
    """
    added: list[str] = []
    for module in modules:
        parts = module.split(".")
        for end in range(1, len(parts) + 1):
            name = ".".join(parts[:end])
            if name in sys.modules or is_available(name):
                continue
            sys.modules[name] = ProjectModule(name)
            added.append(name)
            parent = sys.modules.get(".".join(parts[: end - 1]))
            if isinstance(parent, ProjectModule):
                setattr(parent, parts[end - 1], sys.modules[name])
    return added


def import_problem(path: Path, module_name: str) -> str | None:
    """Import ``path`` as ``module_name``; what went wrong, or ``None``."""
    source = path.read_text(encoding="utf-8")
    added = stand_ins(imported_modules(source))
    try:
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            return f"ImportError: cannot load {path.name}"
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
        for value in list(vars(module).values()):
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module_name
            ):
                value.model_rebuild(raise_errors=True)
    except BaseException as error:  # noqa: BLE001 -- every failure of generated code is a finding
        return f"{type(error).__name__}: {error}"
    finally:
        for name in [module_name, *added]:
            sys.modules.pop(name, None)
    return None


def main() -> None:
    """Import each ``*.py`` of the folder (first argument); write the failures (second)."""
    folder, report = Path(sys.argv[1]), Path(sys.argv[2])
    failures: dict[str, str] = {}
    for index, path in enumerate(sorted(folder.glob("*.py"))):
        problem = import_problem(path, f"_scaffold_generated_{index}")
        if problem is not None:
            failures[path.name] = problem
    report.write_text(json.dumps(failures), encoding="utf-8")


if __name__ == "__main__":
    main()
