"""``scaffold mcp``: a Model Context Protocol server over stdio (the ``mcp`` SDK, an extra).

Five coarse tools that act (``describe``, ``validate``, ``scaffold``, ``status``,
``update``: ``scaffold_core.agents.tools``), and the knowledge as resources, read only when
asked: the skill, the catalogue, and each installed type's JSON Schema and examples. Every
tool returns its JSON result as structured content and as text; a ``ScaffoldError`` is an
error result (``isError``) holding the error document with every problem, and so is any
other exception (``InternalError``, its traceback on stderr): the server keeps running.

This module imports the SDK (about a second): only ``scaffold mcp`` imports it.
"""

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from mcp.server.mcpserver import Context as RequestContext
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.types import CallToolResult, InputRequiredResult, TextContent
from pydantic import BaseModel, Field, StrictBool

from scaffold_core.agents.arguments import arguments_model, check_arguments
from scaffold_core.agents.skill import skill_markdown
from scaffold_core.agents.tools import JSON, ProjectTools
from scaffold_core.catalogue import catalogue_markdown
from scaffold_core.discover import ArtifactType
from scaffold_core.error_document import error_document, internal_error_document
from scaffold_core.errors import InvalidInput, ScaffoldError

__all__ = ["build_server", "call", "serve"]

_LOG = logging.getLogger(__name__)

_INSTRUCTIONS = (
    "scaffold generates files from schema-validated input, inside one project. Call"
    " describe first, then scaffold with dry_run (the default) to preview; write with"
    " dry_run=false. Schemas, examples, the catalogue and a guide are resources."
)

DryRun = Annotated[StrictBool, Field(description="preview only, write nothing (true or false)")]
Force = Annotated[StrictBool, Field(description="replace an existing file (true or false)")]
ArtifactTypeId = Annotated[str, Field(description="an installed type id (see describe)")]
Context = Annotated[dict[str, Any], Field(description="the type's input fields")]
Paths = Annotated[
    list[str] | None, Field(description="files or folders relative to the root; default all")
]


def call(action: Callable[[], JSON]) -> CallToolResult:
    """Run one tool's ``action``: its result, or an error result; never an exception."""
    try:
        document, failed = action(), False
    except ScaffoldError as error:
        document, failed = error_document(error), True
    except Exception as error:  # noqa: BLE001 -- any bug is an error result, not a crash
        _LOG.exception("internal error")
        document = internal_error_document(f"internal error: {type(error).__name__}: {error}")
        failed = True
    return _result(document, failed=failed)


def _result(document: JSON, *, failed: bool) -> CallToolResult:
    """``document`` as the call's structured content and as its JSON text."""
    text = json.dumps(document, ensure_ascii=False)
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=document,
        is_error=failed,
    )


_Tool = TypeVar("_Tool", bound=Callable[..., CallToolResult])


class _Server(MCPServer):
    """The SDK's server, each tool's arguments checked first (``agents.arguments``).

    Wrong arguments (a wrong type, a missing or unknown one, a boolean that is not
    ``true``/``false``) are the error document like any other error, not the SDK's text.
    """

    def __init__(self) -> None:
        super().__init__("scaffold", instructions=_INSTRUCTIONS)
        self.argument_models: dict[str, type[BaseModel]] = {}

    def checked_tool(self, function: _Tool) -> _Tool:
        """Register ``function`` as a tool whose arguments are checked strictly.

        Its description is its docstring on one line (what a client shows).
        """
        self.argument_models[function.__name__] = arguments_model(function)
        description = " ".join((function.__doc__ or "").split())
        return self.tool(description=description)(function)

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: RequestContext[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        model = self.argument_models.get(name)
        if model is not None:
            try:
                check_arguments(name, model, arguments)
            except InvalidInput as wrong:
                return _result(error_document(wrong), failed=True)
        return await super().call_tool(name, arguments, context)


def build_server(tools: ProjectTools) -> MCPServer:
    """The server: its tools act on ``tools``' project, fixed here."""
    server = _Server()

    @server.checked_tool
    def describe(artifact_type: ArtifactTypeId | None = None) -> CallToolResult:
        """Installed types (id, kind, summary); or one type's JSON Schema and examples."""
        return call(lambda: tools.describe(artifact_type))

    @server.checked_tool
    def validate(artifact_type: ArtifactTypeId, context: Context) -> CallToolResult:
        """Check a type's input; every problem (location, given, expected) if invalid."""
        return call(lambda: tools.validate(artifact_type, context))

    @server.checked_tool
    def scaffold(
        artifact_type: ArtifactTypeId,
        context: Context,
        output_path: Annotated[
            str | None, Field(description="relative to the root; default: the type's")
        ] = None,
        *,
        dry_run: DryRun = True,
        force: Force = False,
    ) -> CallToolResult:
        """Validate, render, write one artifact; a dry run (default) previews each file."""
        return call(
            lambda: tools.scaffold(
                artifact_type, context, output_path, dry_run=dry_run, force=force
            )
        )

    @server.checked_tool
    def status(paths: Paths = None) -> CallToolResult:
        """Recorded files and their states, as scaffold status gives them.

        States: current, outdated, modified, outdated+modified, conflict, missing, unknown
        type, invalid record, unrecorded.
        """
        return call(lambda: tools.status(paths or ()))

    @server.checked_tool
    def update(paths: Paths = None, *, dry_run: DryRun = True) -> CallToolResult:
        """Re-render recorded files, keeping edits (dry run by default): outcomes, diffs."""
        return call(lambda: tools.update(paths or (), dry_run=dry_run))

    _add_resources(server, tools)
    return server


def _add_resources(server: MCPServer, tools: ProjectTools) -> None:
    """The skill, the catalogue, and each installed type's schema and examples."""
    server.resource(
        "scaffold://skill", name="skill", mime_type="text/markdown", description="the guide"
    )(lambda: skill_markdown(tools.manager.registry))
    server.resource(
        "scaffold://catalogue",
        name="catalogue",
        mime_type="text/markdown",
        description="every type's fields and an example output",
    )(lambda: catalogue_markdown(tools.manager.registry))
    for artifact_id in tools.manager.registry.ids():
        _add_type_resources(server, tools, artifact_id)


def _add_type_resources(server: MCPServer, tools: ProjectTools, artifact_id: str) -> None:
    """A type's schema and examples; reading a broken type's says why it is broken.

    Listed for every installed id without importing its plugin (which would slow the start).
    """

    def artifact() -> ArtifactType:
        try:
            return tools.manager.artifact(artifact_id)
        except ScaffoldError as error:
            raise ResourceError(str(error)) from None

    def schema() -> str:
        return json.dumps(artifact().json_schema(), indent=2)

    def examples() -> str:
        return json.dumps(artifact().examples(), indent=2)

    for part, read in (("schema", schema), ("examples", examples)):
        server.resource(
            f"scaffold://types/{artifact_id}/{part}",
            name=f"{artifact_id} {part}",
            mime_type="application/json",
        )(read)


def serve(project_root: Path) -> None:
    """Serve over stdio until the client closes it; the root is fixed here."""
    build_server(ProjectTools(project_root)).run("stdio")
