"""``ArtifactManager``: discover → validate → enrich → render → check → write, in one call."""

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import jinja2

from scaffold_core.discover import ArtifactRegistry, ArtifactType
from scaffold_core.discover.naming import legacy_template_file
from scaffold_core.enrich import (
    ProjectSettings,
    check_pattern_fields,
    choose_output_path,
    file_in_folder,
    find_project_root,
)
from scaffold_core.enrich.project_settings import current_folder
from scaffold_core.errors import (
    BadOption,
    InvalidInput,
    OutputCheckFailed,
    OutputExists,
    Problem,
    TemplateFailed,
    UnsafeOutputPath,
    UserError,
)
from scaffold_core.hooks import PluginHooks
from scaffold_core.pipelines import Pipeline, accept_v1, choose_pipeline, render_v1, render_v2
from scaffold_core.render import TemplateEnvironment, with_header
from scaffold_core.validate import validate_context
from scaffold_core.write import recover_interrupted_writes, resolve_inside, write_all
from scaffold_core.write.journal import JournalPool
from scaffold_core.write.record import record_text, writable_record_target
from scaffold_core.write.safe_path import check_path_text, names_directory
from scaffold_schemas import BaseContext, LifecycleMixin

__all__ = ["ArtifactManager", "Rendering", "ScaffoldResult"]


@dataclass(frozen=True)
class Rendering:
    """One artifact rendered in memory: its text (header included) and any output problems.

    A multi-file artifact (``BaseContext.artifact_files``) is its main file plus
    ``companions``, one ``Rendering`` per other file (``template`` names each one's
    template in the plugin's ``templates/`` folder); ``files`` lists them all. A persistent
    file keeps its ``lifecycle`` values and the input in JSON form (``context``: validated on
    v2, raw on v1) for its provenance record.
    """

    artifact: ArtifactType
    pipeline: Pipeline
    output_path: str | None
    path: Path | None
    content: str
    problems: tuple[str, ...]
    template: str | None = None
    companions: tuple["Rendering", ...] = ()
    lifecycle: LifecycleMixin | None = None
    context: Mapping[str, object] | None = None

    @property
    def files(self) -> tuple["Rendering", ...]:
        """The main file, then every companion file."""
        return (self, *self.companions)

    @property
    def template_file(self) -> str:
        """The file name of the template that rendered it, e.g. ``dto.py.jinja2``."""
        if self.template is not None:
            return self.template
        template_file = self.artifact.template_file
        return template_file if self.pipeline == "v2" else legacy_template_file(template_file)

    def check_writable(self, *, force: bool) -> None:
        """Refuse what may not be written: invalid output, or an existing file without force.

        Every file of the artifact is checked. Raises ``OutputCheckFailed`` (the first file
        with problems) or ``OutputExists`` (naming every file that exists); returns when all
        may be written (or printed).
        """
        for file in self.files:
            if file.problems:
                raise OutputCheckFailed(
                    f"the '{file.artifact.artifact_id}' template ({file.pipeline}) produced"
                    f" invalid output for {file.output_path or 'standard output'} (nothing"
                    f" written): a template bug in {file.template_file}, not an input error:"
                    f" {'; '.join(file.problems)}"
                )
        existing = [
            str(file.output_path)
            for file in self.files
            if file.path is not None and file.path.exists() and not force
        ]
        if existing:
            verb, them = ("exists", "it") if len(existing) == 1 else ("exist", "them")
            raise OutputExists(
                f"{', '.join(existing)} already {verb}: pass --force to overwrite {them}"
            )

    def record(
        self,
        artifact_output_path: str,
        *,
        content: str | None = None,
        lifecycle: LifecycleMixin | None = None,
    ) -> str:
        """The provenance record of this file, as JSON text (see ``record_text``).

        ``artifact_output_path`` is the main file's output path. ``content`` and
        ``lifecycle`` default to this rendering's; they are given when the file keeps what
        an earlier rendering wrote (a record refreshed for a file that did not change).
        Raises ``ValueError`` for a file that has no lifecycle (ephemeral, printed).
        """
        lifecycle = lifecycle or self.lifecycle
        if lifecycle is None:
            raise ValueError(f"{self.artifact.artifact_id}: an ephemeral artifact has no record")
        return record_text(
            artifact_type=self.artifact.artifact_id,
            template=self.template_file,
            distribution=self.artifact.entry.distribution,
            version=self.artifact.entry.version,
            pipeline=self.pipeline,
            context=self.context or {},
            lifecycle=lifecycle,
            content=self.content if content is None else content,
            artifact_output_path=artifact_output_path,
        )

    def result(self, *, written: bool) -> "ScaffoldResult":
        """The ``ScaffoldResult`` of this rendering (its companions' results inside it)."""
        return ScaffoldResult(
            self.artifact.artifact_id,
            self.output_path,
            self.path,
            self.content,
            written,
            self.pipeline,
            tuple(companion.result(written=written) for companion in self.companions),
        )


@dataclass(frozen=True)
class ScaffoldResult:
    """What one scaffold operation produced (and wrote, unless it was a dry run).

    A multi-file artifact's other files are in ``companions`` (``files`` lists them all).
    """

    artifact_type: str
    output_path: str | None
    path: Path | None
    content: str
    written: bool
    pipeline: Pipeline
    companions: tuple["ScaffoldResult", ...] = ()

    @property
    def files(self) -> tuple["ScaffoldResult", ...]:
        """The main file, then every companion file."""
        return (self, *self.companions)


class ArtifactManager:
    """Scaffolds artifacts into one project; safe to share between threads.

    ``project_root`` (``str`` or ``os.PathLike[str]``) is an existing folder, as ``-C DIR``;
    ``None`` means the nearest folder upward from the working directory that holds a
    ``pyproject.toml`` (else the working directory). It is kept absolute. ``registry``,
    ``hooks`` and ``clock`` default to the installed plugins and the system clock; tests pass
    their own. Raises ``BadOption`` when the root does not exist, is not a folder, or the
    working directory it is relative to was deleted; ``InvalidInput`` when the project's
    ``[tool.scaffold]`` table is invalid. Nothing is ever created here.
    """

    def __init__(
        self,
        project_root: "str | os.PathLike[str] | None" = ".",
        *,
        registry: ArtifactRegistry | None = None,
        hooks: PluginHooks | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.project_root = (
            find_project_root() if project_root is None else _existing_folder(project_root)
        )
        for message in recover_interrupted_writes(self.project_root):
            # A killed write left its journal: it is undone before anything else is checked.
            sys.stderr.write(f"scaffold: {message}\n")
        self.registry = registry or ArtifactRegistry()
        self.hooks = hooks or PluginHooks()
        self.environment = TemplateEnvironment(self.hooks)
        self.legacy_environment = TemplateEnvironment(
            self.hooks, undefined=jinja2.ChainableUndefined
        )
        self.settings = ProjectSettings.load(self.project_root, self.registry.ids())
        self._clock = clock or (lambda: datetime.now(UTC))
        self._journals: JournalPool | None = None  # while a ``batch()`` block runs
        self._batches = 0
        self._batch_lock = threading.Lock()

    def now(self) -> datetime:
        """The clock's time to the second, as headers and records show it (aware, UTC)."""
        return self._clock().replace(microsecond=0)

    def artifact(self, artifact_type: str) -> ArtifactType:
        """The usable artifact type, its templates reachable in both environments.

        Raises ``InvalidInput`` when the project's pattern for it names a field that is not
        one of its text fields.
        """
        artifact = self.registry.get(artifact_type)
        pattern = self.settings.output_paths.get(artifact.artifact_id)
        if pattern is not None:
            source = f"pyproject.toml [tool.scaffold.output_paths].{artifact.artifact_id}"
            check_pattern_fields(pattern, artifact.field_types(), source)
        self.environment.add_artifact(artifact)
        self.legacy_environment.add_artifact(artifact)
        return artifact

    def render(
        self,
        artifact_type: str,
        context: Mapping[str, object] | BaseContext,
        *,
        output_path: "str | os.PathLike[str] | None" = None,
        pipeline: str | None = None,
        earlier_problems: list[Problem] | None = None,
        created: datetime | None = None,
        updated: datetime | None = None,
    ) -> Rendering:
        """Validate (v2), render and check one artifact in memory; nothing is written.

        ``output_path`` is a ``str`` or ``os.PathLike[str]`` relative to the project root
        (``TypeError`` for anything else, e.g. ``bytes``); ``None`` means the project's or
        the plugin's pattern. ``Rendering.output_path`` is the real path, links resolved.
        Raises a ``UserError`` for bad input or an unsafe path; output problems are returned
        in ``Rendering.problems`` so that callers (``scaffold``, parity) decide what they mean.
        ``created`` (default: now) and ``updated`` (default: none) are the lifecycle times,
        aware datetimes; ``scaffold update`` keeps the first and sets the second.
        """
        output_path = _path_text(output_path)
        chosen = choose_pipeline(pipeline)
        artifact = self.artifact(artifact_type)
        validated: BaseContext | dict[str, object] = {}
        if chosen == "v2":
            try:
                validated = validate_context(artifact, context, earlier_problems)
            except InvalidInput as invalid:
                # Report a bad explicit path with the input's problems, not in a second run.
                path_problems = self._explicit_path_problems(output_path)
                raise InvalidInput(invalid.subject, [*invalid.problems, *path_problems]) from None
            values: dict[str, object] = dict(validated)
        elif earlier_problems:
            raise InvalidInput(f"artifact type '{artifact.artifact_id}'", earlier_problems)
        else:
            # Before the output path, whose pattern may name a missing variable too.
            values = accept_v1(
                artifact, self.legacy_environment, context, warn=self.settings.v1_warning
            )
        relative, target = self._output_path(artifact, output_path, values)
        # To the second (now()), as the header and the record show it: a re-rendering from
        # the record then sees the very time the template saw.
        created = created or self.now()
        lifecycle: LifecycleMixin | None
        if chosen == "v2":
            lifecycle, body = render_v2(
                artifact,
                self.environment,
                validated,
                output_path=relative,
                created=created,
                updated=updated,
            )
        else:
            lifecycle, body = render_v1(
                artifact,
                self.legacy_environment,
                values,
                output_path=relative,
                created=created,
                updated=updated,
            )
        content, problems = self._finish(artifact, artifact.extension, lifecycle, body)
        companions: tuple[Rendering, ...] = ()
        given = _recorded_input(validated, values)
        if isinstance(validated, BaseContext) and relative is not None:
            companions = self._companions(artifact, validated, relative, (created, updated), given)
            if companions and output_path is not None:
                self._check_main_name(artifact, output_path, relative)
        return Rendering(
            artifact,
            chosen,
            relative,
            target,
            content,
            problems,
            companions=companions,
            lifecycle=lifecycle,
            context=given,
        )

    def _finish(
        self, artifact: ArtifactType, extension: str, lifecycle: LifecycleMixin | None, body: str
    ) -> tuple[str, tuple[str, ...]]:
        """The rendered ``body`` transformed and headed, and the output check's problems."""
        body = self.hooks.transform_output(artifact.artifact_id, extension, body)
        problems = self.hooks.check_output(artifact.artifact_id, extension, body)
        content = body if lifecycle is None else with_header(extension, lifecycle, body)
        return content, tuple(problems)

    def _check_main_name(self, artifact: ArtifactType, explicit: str, relative: str) -> None:
        """Refuse an explicit path that is no file of the main file's format.

        ``-o plugin`` (a folder meant, no slash) would write the main file as ``plugin`` and
        the others beside it, in the folder above: for a multi-file artifact, ``-o`` names
        the set's folder (``plugin/``) or a main file with its extension (``.toml``).
        Raises ``UnsafeOutputPath``.
        """
        if PurePosixPath(relative).suffix != f".{artifact.extension}":
            folder = explicit.rstrip("/")
            raise UnsafeOutputPath(
                f"output path '{explicit}': artifact type '{artifact.artifact_id}' writes"
                f" several files beside its main file, a .{artifact.extension} file; give"
                f" their folder ('{folder}/') or a path ending in '.{artifact.extension}'"
            )

    def _companions(
        self,
        artifact: ArtifactType,
        validated: BaseContext,
        main: str,
        times: tuple[datetime, datetime | None],
        given: Mapping[str, object],
    ) -> tuple[Rendering, ...]:
        """The other files of a multi-file artifact, beside its ``main`` output path.

        Each path is ``ArtifactFile.path`` inside the main file's folder, checked as any
        output path; two files of one artifact must differ (else the plugin is at fault:
        ``TemplateFailed``). Only v2 renders them: they are derived from the validated input.
        """
        files = validated.artifact_files()
        if not files:
            return ()
        renderings: list[Rendering] = []
        claimed = {os.path.normcase(main): "the main file"}
        for file in files:
            try:
                check_path_text(file.path, f"the path of {file.template}")
            except UnsafeOutputPath as unusable:
                raise _plugin_fault(artifact, f"returns an unusable path: {unusable}") from None
            relative, target = resolve_inside(
                self.project_root, PurePosixPath(main).parent.joinpath(file.path).as_posix()
            )
            key = os.path.normcase(relative)
            if key in claimed:
                raise _plugin_fault(
                    artifact, f"writes {relative} twice ({file.template} and {claimed[key]})"
                )
            claimed[key] = file.template
            lifecycle, body = render_v2(
                artifact,
                self.environment,
                validated,
                output_path=relative,
                created=times[0],
                updated=times[1],
                template_name=f"{artifact.artifact_id}/{file.template}",
            )
            content, problems = self._finish(
                artifact, PurePosixPath(relative).suffix.removeprefix("."), lifecycle, body
            )
            renderings.append(
                Rendering(
                    artifact,
                    "v2",
                    relative,
                    target,
                    content,
                    problems,
                    file.template,
                    lifecycle=lifecycle,
                    context=given,
                )
            )
        for key, template in claimed.items():
            folder = next((str(f) for f in PurePosixPath(key).parents if str(f) in claimed), None)
            if folder is not None:
                raise _plugin_fault(
                    artifact,
                    f"writes {folder} as a file ({claimed[folder]}) and as the folder of"
                    f" {key} ({template})",
                )
        return tuple(renderings)

    def _explicit_path_problems(self, explicit: str | None) -> list[Problem]:
        """What is wrong with an explicit output path that needs no input value to check.

        A path naming a folder needs the input for its file name: it is checked later.
        """
        if explicit is None:
            return []
        try:
            if not names_directory(self.project_root, explicit):
                resolve_inside(self.project_root, explicit)
        except UserError as error:
            return [Problem("output_path", "", str(error))]
        return []

    def _output_path(
        self, artifact: ArtifactType, explicit: str | None, values: Mapping[str, object]
    ) -> tuple[str, Path] | tuple[None, None]:
        """The checked relative path and absolute target; ``(None, None)`` to print instead.

        An explicit path naming a folder gets the default file name inside it (as ``cp``),
        once its text passed the rules, so that a refusal quotes what the user typed.
        """
        artifact_id, default = artifact.artifact_id, artifact.default_output_path
        if explicit is not None and names_directory(self.project_root, explicit):
            check_path_text(explicit, folder=True)
            explicit = file_in_folder(explicit, artifact_id, self.settings, default, values)
        relative = choose_output_path(
            artifact_id,
            explicit,
            self.settings,
            default,
            values,
            required=artifact.kind == "persistent",
        )
        if relative is None:
            return None, None
        return resolve_inside(self.project_root, relative)

    def scaffold(
        self,
        artifact_type: str,
        context: Mapping[str, object] | BaseContext,
        *,
        output_path: "str | os.PathLike[str] | None" = None,
        dry_run: bool = False,
        force: bool = False,
        pipeline: str | None = None,
        earlier_problems: list[Problem] | None = None,
        record: bool | None = None,
    ) -> ScaffoldResult:
        """Validate ``context``, render the artifact and write it (unless ``dry_run``).

        ``output_path`` is as in ``render``. ``pipeline`` (``"v1"``/``"v2"``) overrides
        PYDANTIC_SCAFFOLDING_ENABLED; ``record`` is as in ``write``. Raises a
        ``UserError`` (every problem listed) for bad input, an unsafe path, or an existing file
        without ``force``; nothing is written when anything is wrong.
        """
        rendering = self.render(
            artifact_type,
            context,
            output_path=output_path,
            pipeline=pipeline,
            earlier_problems=earlier_problems,
        )
        rendering.check_writable(force=force)
        written = rendering.path is not None and not dry_run
        if written:
            self.write([rendering], force=force, record=record)
        return rendering.result(written=written)

    def write(
        self, renderings: Sequence[Rendering], *, force: bool, record: bool | None = None
    ) -> None:
        """Write every file of ``renderings``, and their records, all or nothing.

        ``record`` (default: the project's ``[tool.scaffold] record``, else true) adds the
        provenance record of each persistent file (``scaffold_core.write.record``); a record
        is replaced whatever ``force`` says, since it follows the file it describes. Raises
        ``OutputExists`` or ``WriteFailed`` (see ``write_all``).
        """
        record = self.settings.record if record is None else record
        files: list[tuple[Path, str]] = []
        records: list[Path] = []
        checked: set[str] = set()  # record folders found not to be links
        for rendering in renderings:
            for file in rendering.files:
                if file.path is None:
                    continue
                files.append((file.path, file.content))
                if record and file.lifecycle is not None and file.output_path is not None:
                    target = writable_record_target(self.project_root, file.output_path, checked)
                    records.append(target)
                    files.append((target, file.record(str(rendering.output_path))))
        write_all(
            files,
            overwrite=force,
            project_root=self.project_root,
            replace=records,
            journals=self._journals,
        )

    @contextlib.contextmanager
    def batch(self) -> Iterator["ArtifactManager"]:
        """A block of many ``scaffold``/``write`` calls, each written more cheaply.

        Every call stays its own all-or-nothing write, with the same guarantees (a call
        that fails writes nothing and leaves the earlier ones; a killed process's write is
        undone by the next run): only its journal, instead of a file created and deleted
        each time, is taken from journal files kept open for the block
        (``scaffold_core.write.journal.JournalPool``), which therefore stay in the project
        root, empty, until the block ends (the next run removes them if the process was
        killed). Blocks may nest and threads may share one. Yields this manager.
        """
        with self._batch_lock:
            if self._journals is None:
                self._journals = JournalPool(self.project_root)
            self._batches += 1
        try:
            yield self
        finally:
            with self._batch_lock:
                self._batches -= 1
                pool = self._journals if self._batches == 0 else None
                if pool is not None:
                    self._journals = None
            if pool is not None:
                pool.close()


def _recorded_input(
    validated: BaseContext | dict[str, object], values: Mapping[str, object]
) -> Mapping[str, object]:
    """The input as its record keeps it: what the user set, validated (v2), else as given."""
    if isinstance(validated, BaseContext):
        return validated.model_dump(mode="json", exclude_unset=True, exclude_computed_fields=True)
    return values


def _plugin_fault(artifact: ArtifactType, problem: str) -> TemplateFailed:
    """A multi-file artifact whose ``artifact_files()`` cannot be written: the plugin's bug."""
    return TemplateFailed(
        f"artifact type '{artifact.artifact_id}' (from {artifact.entry.distribution}):"
        f" artifact_files() {problem}"
    )


def _existing_folder(given: "str | os.PathLike[str]") -> Path:
    """``given`` as an absolute folder; ``BadOption`` unless it exists and is one (as ``-C``)."""
    folder = Path(given)
    if not folder.is_absolute():
        folder = current_folder() / folder
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise BadOption(f"project root '{os.fspath(given)}' {problem}: give the project's folder")
    return folder


def _path_text(output_path: "str | os.PathLike[str] | None") -> str | None:
    """``output_path`` as text; ``TypeError`` at the API's edge for anything but text."""
    if output_path is None or isinstance(output_path, str):
        return output_path
    text = os.fspath(output_path) if isinstance(output_path, os.PathLike) else None
    if not isinstance(text, str):
        raise TypeError(
            "output_path must be a str or an os.PathLike[str] (a path relative to the project"
            f" root), not {type(output_path).__name__}"
        )
    return text
