"""The one Jinja environment of a process, and rendering through it.

Templates are found by name: the shared library by its own paths (``layouts/...``,
``macros/...``) and each plugin's templates as ``<artifact id>/<file>``. A plugin's folder is
added when its artifact type is first used, so unused plugins are never touched.
"""

import contextlib
import hashlib
import traceback
import types
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from threading import Lock
from types import CodeType
from typing import Any, Final

import jinja2
from jinja2.utils import internalcode

from scaffold_core import __version__
from scaffold_core.cache_dir import cache_directory, prune
from scaffold_core.discover import ArtifactType
from scaffold_core.errors import TemplateFailed
from scaffold_core.hooks import PluginHooks
from scaffold_core.render.chain import DynamicTemplateReference, chain_hash, syntax_line
from scaffold_core.render.filters import FILTERS
from scaffold_core.render.library import shared_library_path
from scaffold_core.render.markdown import MARKDOWN, STATUS
from scaffold_core.render.python_source import PYDANTIC, PYTHON

__all__ = ["TemplateEnvironment", "bytecode_cache"]

_EXTENSIONS: Final = ("jinja2.ext.do", "jinja2.ext.loopcontrols")


TEMPLATE_CACHES: Final = 8
"""Compiled-template folders kept (one per Jinja version, scaffold version and options)."""


class _TolerantBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, except that a cache file that cannot be used is no error.

    A damaged or foreign file (Jinja raises whatever ``pickle`` or ``marshal`` raise on it)
    is ignored, so the template is compiled again and the file rewritten; a cache folder
    that cannot be written (removed by ``prune`` meanwhile, read-only) is not used.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 -- any garbage: compile instead
            bucket.reset()
        if not isinstance(bucket.code, CodeType):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(options: str) -> jinja2.BytecodeCache | None:
    """A compiled-template cache on disk (see ``cache_directory``), or ``None``.

    Jinja keys a cached template by its name and source, not by the environment's options,
    so the folder name carries a hash of the Jinja and scaffold versions and of ``options``:
    environments configured differently never share compiled code. Only the
    ``TEMPLATE_CACHES`` most recently used such folders are kept.
    """
    identity = f"{jinja2.__version__}|{__version__}|{options}"
    folder = cache_directory(f"jinja-{hashlib.sha256(identity.encode()).hexdigest()[:16]}")
    if folder is None:
        return None
    prune(folder.parent, "jinja-*", TEMPLATE_CACHES)
    return _TolerantBytecodeCache(str(folder))


class _Template(jinja2.Template):
    """Jinja's template, reusing an imported module after a cheaper check.

    ``{% import %}`` (without context) asks the imported template for its module on every
    render; Jinja 3.1 reuses the cached one unless the importing context has globals the
    imported template lacks, found as ``set - ChainMap.keys()``: a Python loop, key by key,
    on every import. Here the same difference is taken in C against each map of the chain;
    when it is empty the cached module is returned, as Jinja would, else Jinja decides.
    """

    def _get_default_module(
        self, ctx: jinja2.runtime.Context | None = None
    ) -> jinja2.environment.TemplateModule:
        if (
            ctx is not None
            and isinstance(self.globals, ChainMap)
            and not ctx.globals_keys.difference(*self.globals.maps)
        ):
            ctx = None
        return super()._get_default_module(ctx)

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,  # noqa: FBT001, FBT002 -- Jinja's signature
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.runtime.Context:
        """Jinja's context, the template's globals given as one dict, not as a ChainMap.

        Jinja copies the globals into every new context (a rendering, an import) and takes
        their keys, through ``ChainMap``'s Python methods, key by key. The same names and
        values, earlier maps winning and in the ChainMap's order, merged by C dict updates.
        """
        globals_: MutableMapping[str, Any] = self.globals
        if isinstance(globals_, ChainMap) and all(type(m) is dict for m in globals_.maps):
            flat: dict[str, Any] = {}
            for mapping in reversed(globals_.maps):
                flat.update(mapping)
            globals_ = flat
        return jinja2.runtime.new_context(
            self.environment, self.name, self.blocks, vars, shared, globals_, locals
        )


_PLAIN_CALLABLES: Final = frozenset(
    {
        types.FunctionType,
        types.BuiltinFunctionType,
        types.MethodType,
        jinja2.runtime.Macro,
    }
)
"""Callables whose own ``__call__`` never asks for the context (``pass_context`` marks the
function itself, or a bound method's function, which ``jinja_pass_arg`` reads through)."""


class _Context(jinja2.runtime.Context):
    """Jinja's template context, calling plain functions and macros directly.

    Every call in a template (``md.bullets(...)``, a macro, ``list.append`` in ``do``) goes
    through ``Context.call``, which looks for ``pass_context`` and friends on the callable
    and on its ``__call__`` (binding a method wrapper each time). A function, builtin, bound
    method or macro not so marked is called as Jinja would call it; anything else, or a
    marked one, goes to Jinja's ``call``.
    """

    @internalcode
    def call(
        __self,  # noqa: N805 -- Jinja's signature: callers may pass "self" as a keyword
        __obj: Callable[..., Any],
        *args: Any,  # noqa: ANN401 -- whatever the template passes
        **kwargs: Any,  # noqa: ANN401
    ) -> Any:  # noqa: ANN401 -- whatever the callable returns
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


def _blank_none(value: object) -> object:
    """``None`` prints as nothing, never as the text ``None``."""
    return "" if value is None else value


def _failure(
    environment: jinja2.Environment, template_name: str, error: Exception
) -> TemplateFailed:
    """``template '<name>' failed at <file>, line <n>: <reason>`` for any rendering error."""
    reason = (
        error.message
        if isinstance(error, jinja2.TemplateError)
        else f"{type(error).__name__}: {error}"
    )
    location = _location(error, template_name)
    if isinstance(error, jinja2.TemplateSyntaxError):
        line, reason = syntax_line(environment, error)
        location = f"{error.filename or error.name}, line {line}"
    return TemplateFailed(f"template '{template_name}' failed at {location}: {reason}")


def _location(error: Exception, template_name: str) -> str:
    """The template file and line where ``error`` arose, as precisely as Jinja tells."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}, line {error.lineno}"
    template_frames = [
        (frame.f_code.co_filename, line)
        for frame, line in traceback.walk_tb(error.__traceback__)
        if frame.f_code.co_filename.endswith(".jinja2")
    ]
    if not template_frames:
        return template_name
    filename, line = template_frames[-1]
    return f"{filename}, line {line}"


class TemplateEnvironment:
    """A configured ``jinja2.Environment`` plus the version hash of each template chain."""

    def __init__(
        self,
        hooks: PluginHooks,
        *,
        undefined: type[jinja2.Undefined] = jinja2.StrictUndefined,
        shared_library: Path | None = None,
    ) -> None:
        self._plugin_loaders: dict[str, jinja2.BaseLoader] = {}
        library = shared_library or shared_library_path()
        options = {
            "undefined": undefined.__name__,
            "finalize": _blank_none.__name__,
            "autoescape": False,
            "keep_trailing_newline": True,
            "trim_blocks": True,
            "lstrip_blocks": True,
            "extensions": _EXTENSIONS,
        }
        self.jinja = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [jinja2.FileSystemLoader(library), jinja2.PrefixLoader(self._plugin_loaders)]
            ),
            undefined=undefined,
            finalize=_blank_none,
            auto_reload=False,
            autoescape=False,  # noqa: S701 -- the output is code and Markdown, not HTML
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=list(_EXTENSIONS),
            bytecode_cache=bytecode_cache(repr(sorted(options.items()))),
            # Every template a process uses stays loaded (a plain dict): a few dozen at most,
            # and Jinja's LRU cache removes from a deque, linear in its size, on each hit.
            cache_size=-1,
        )
        self.jinja.template_class = _Template
        self.jinja.context_class = _Context
        self.jinja.filters.update(FILTERS)
        # What the libraries in macros/ export (see render.markdown, render.python_source).
        self.jinja.globals.update(
            scaffold_markdown=MARKDOWN,
            scaffold_status=STATUS,
            scaffold_python=PYTHON,
            scaffold_pydantic=PYDANTIC,
        )
        hooks.extend_environment(self.jinja)
        self._lock = Lock()
        self._hashes: dict[str, str] = {}

    def add_artifact(self, artifact: ArtifactType) -> None:
        """Make ``artifact``'s templates reachable as ``<id>/<file>``."""
        with self._lock:
            if artifact.artifact_id not in self._plugin_loaders:
                loader = jinja2.FileSystemLoader(artifact.template_dir)
                self._plugin_loaders[artifact.artifact_id] = loader

    def compile_error(self, template_name: str) -> jinja2.TemplateSyntaxError | None:
        """Why ``template_name`` itself does not compile (syntax, unknown filter), or ``None``.

        Only that template, not its chain (``chain.syntax_error`` parses the chain); compiled
        code comes from the bytecode cache, so checking every installed template is cheap.
        """
        try:
            self.jinja.get_template(template_name)
        except jinja2.TemplateSyntaxError as error:
            # A plugin's own loader compiles under the file's name; name it as the chain does.
            error.name = template_name
            return error
        return None

    def render(self, template_name: str, variables: Mapping[str, object]) -> str:
        """Render ``template_name`` with ``variables`` as its top-level names.

        A Jinja error (an undefined variable under ``StrictUndefined``, a syntax error, a
        missing template) becomes ``TemplateFailed`` naming the template and the line.
        """
        try:
            return self.jinja.get_template(template_name).render(variables)
        except Exception as error:
            raise _failure(self.jinja, template_name, error) from error

    def version_hash(self, template_name: str) -> str:
        """The hash of ``template_name``'s whole chain, computed once per process."""
        with self._lock:
            if template_name not in self._hashes:
                try:
                    self._hashes[template_name] = chain_hash(self.jinja, template_name)
                except jinja2.TemplateError as error:
                    raise _failure(self.jinja, template_name, error) from error
                except DynamicTemplateReference as error:
                    raise TemplateFailed(str(error)) from error
            return self._hashes[template_name]
