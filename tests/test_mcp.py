"""``scaffold mcp``: the MCP server, driven by the SDK's own client.

The server runs as ``python -m scaffold_core mcp --project DIR`` under the SDK's stdio
client, as an agent's client starts it; the same session runs in process too
(``mcp.Client`` over the server object), which is what coverage sees.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import anyio
import pytest

mcp = pytest.importorskip("mcp", reason="the mcp extra: pip install 'scaffold-core[mcp]'")

from mcp import Client, ClientSession, StdioServerParameters  # noqa: E402
from mcp.client.stdio import stdio_client  # noqa: E402
from mcp.shared.exceptions import MCPError  # noqa: E402

from scaffold_core.agents import ProjectTools, skill_markdown  # noqa: E402
from scaffold_core.agents.mcp_server import build_server, call  # noqa: E402
from scaffold_core.agents.tools import server_project_root  # noqa: E402
from scaffold_core.cli.agents import MCP_MISSING  # noqa: E402
from scaffold_core.discover import ArtifactRegistry, BrokenArtifact  # noqa: E402
from scaffold_core.errors import BadOption  # noqa: E402
from scaffold_core.manager import ArtifactManager  # noqa: E402
from scaffold_core.status import STATES  # noqa: E402

WORKER = {"name": "OrderWorker", "layer": "platform"}
WORKER_PATH = "src/platform/workers/order_worker.py"
TOOL_LIST_LIMIT = 8000


def tool_list_text(listed):
    """What ``tools/list`` returns, as the JSON text a client receives."""
    return json.dumps(listed.model_dump(mode="json", by_alias=True, exclude_none=True))


async def result(session, tool, **arguments):
    called = await session.call_tool(tool, arguments)
    assert called.structured_content == json.loads(called.content[0].text)
    return called.is_error, called.structured_content


async def check_tools_and_resources(session):
    listed = await session.list_tools()
    assert [tool.name for tool in listed.tools] == [
        "describe",
        "validate",
        "scaffold",
        "status",
        "update",
    ]
    assert len(tool_list_text(listed)) < TOOL_LIST_LIMIT
    resources = {str(resource.uri) for resource in (await session.list_resources()).resources}
    for artifact_id in ArtifactRegistry().ids():
        assert f"scaffold://types/{artifact_id}/schema" in resources
        assert f"scaffold://types/{artifact_id}/examples" in resources
    assert {"scaffold://skill", "scaffold://catalogue"} <= resources
    skill = await session.read_resource("scaffold://skill")
    assert skill.contents[0].text == skill_markdown()
    schema = await session.read_resource("scaffold://types/dto/schema")
    assert json.loads(schema.contents[0].text) == ArtifactRegistry().get("dto").json_schema()
    examples = await session.read_resource("scaffold://types/dto/examples")
    assert json.loads(examples.contents[0].text) == ArtifactRegistry().get("dto").examples()
    catalogue = await session.read_resource("scaffold://catalogue")
    assert catalogue.contents[0].text.startswith("# Artifact catalogue")


async def check_every_tool(session, project):
    failed, types = await result(session, "describe")
    assert not failed
    assert {row["id"] for row in types["types"]} == set(ArtifactRegistry().ids())
    failed, dto = await result(session, "describe", artifact_type="dto")
    assert not failed
    assert dto["schema"] == ArtifactRegistry().get("dto").json_schema()
    assert dto["examples"] == ArtifactRegistry().get("dto").examples()
    assert "name" in dto["required"]
    failed, unknown = await result(session, "describe", artifact_type="dtoo")
    assert failed
    assert unknown["error"] == "UnknownArtifactType"

    failed, valid = await result(session, "validate", artifact_type="worker", context=WORKER)
    assert (failed, valid) == (False, {"ok": True, "problems": []})
    failed, invalid = await result(
        session, "validate", artifact_type="dto", context={"name": 3, "colour": "red"}
    )
    assert failed
    assert invalid["exit_code"] == 2
    problems = {problem["location"]: problem for problem in invalid["problems"]}
    assert set(problems) == {"name", "fields", "colour"}
    assert problems["name"]["given"] == 3
    assert problems["name"]["expected"] == "Input should be a valid string"
    assert problems["colour"]["expected"].startswith("unknown field")

    await check_scaffold_writes_and_previews(session, project)
    await check_status_and_update(session, project)


async def check_scaffold_writes_and_previews(session, project):
    # A dry run (the default) returns the content and writes nothing.
    failed, preview = await result(session, "scaffold", artifact_type="worker", context=WORKER)
    assert not failed
    assert preview["written"] is False
    assert preview["files"][0]["path"] == WORKER_PATH
    assert "class OrderWorker" in preview["files"][0]["content"]
    assert preview["files"][0]["preview"] == {
        "action": "create",
        "needs_force": False,
        "diff": None,
    }
    assert not (project / "src").exists()

    failed, written = await result(
        session, "scaffold", artifact_type="worker", context=WORKER, dry_run=False
    )
    assert (failed, written["written"]) == (False, True)
    assert (project / WORKER_PATH).read_text() == written["files"][0]["content"]

    failed, again = await result(session, "scaffold", artifact_type="worker", context=WORKER)
    assert not failed
    assert again["files"][0]["preview"]["action"] == "identical"

    # An existing file is never replaced without force. A dry run is a preview that never
    # fails for a reason that concerns only writing: the diff, and that force is needed.
    (project / WORKER_PATH).write_text("mine\n")
    failed, exists = await result(
        session, "scaffold", artifact_type="worker", context=WORKER, dry_run=False
    )
    assert failed
    assert exists["error"] == "OutputExists"
    for force in (False, True):
        failed, over = await result(
            session, "scaffold", artifact_type="worker", context=WORKER, force=force
        )
        assert (failed, over["written"]) == (False, False)
        shown = over["files"][0]["preview"]
        assert (shown["action"], shown["needs_force"]) == ("overwrite", not force)
        assert shown["diff"].startswith(f"--- a/{WORKER_PATH}")
        assert "-mine" in shown["diff"]
    assert (project / WORKER_PATH).read_text() == "mine\n"


async def check_status_and_update(session, project):
    failed, status = await result(session, "status")
    assert not failed
    assert status["files"] == [
        {"path": WORKER_PATH, "state": "modified", "artifact_type": "worker"}
    ]
    failed, update = await result(session, "update")
    assert not failed
    assert update["written"] is False
    assert update["files"][0]["path"] == WORKER_PATH
    assert (project / WORKER_PATH).read_text() == "mine\n"

    failed, forced = await result(
        session, "scaffold", artifact_type="worker", context=WORKER, dry_run=False, force=True
    )
    assert not failed
    assert (project / WORKER_PATH).read_text() == forced["files"][0]["content"]
    failed, updated = await result(session, "update", paths=[WORKER_PATH], dry_run=False)
    assert (failed, updated["ok"]) == (False, True)
    assert updated["files"][0]["outcome"] == "current"


async def check_paths_outside_are_refused(session, project):
    outside = project.parent / "outside"
    outside.mkdir()
    (project / "link").symlink_to(outside)
    for path in ("../escape.py", str(outside / "abs.py"), "link/through.py"):
        failed, refused = await result(
            session,
            "scaffold",
            artifact_type="worker",
            context=WORKER,
            output_path=path,
            dry_run=False,
        )
        assert failed, path
        assert refused["exit_code"] == 2
        assert refused["problems"][0]["message"]
    assert list(outside.iterdir()) == []
    failed, status = await result(session, "status", paths=["../elsewhere"])
    assert failed
    assert status["exit_code"] == 2


async def argument_problems(session, tool, arguments):
    """The error document of a call with wrong arguments: ``{location: problem}``."""
    failed, document = await result(session, tool, **arguments)
    assert failed, (tool, arguments)
    assert (document["ok"], document["exit_code"], document["error"]) == (
        False,
        2,
        "InvalidInput",
    )
    problems = {problem["location"]: problem for problem in document["problems"]}
    assert len(problems) == len(document["problems"])  # one problem per argument
    return problems


async def check_wrong_arguments_are_the_error_document(session, project):
    problems = await argument_problems(session, "describe", {"artifact_type": 5})
    assert problems["artifact_type"]["given"] == 5
    assert problems["artifact_type"]["expected"] == "Input should be a valid string"
    problems = await argument_problems(session, "validate", {"artifact_type": "worker"})
    assert problems["context"]["expected"] == "a required argument"
    assert "given" not in problems["context"]
    problems = await argument_problems(
        session, "validate", {"artifact_type": 7, "context": "name=x", "colour": "red"}
    )
    assert set(problems) == {"artifact_type", "context", "colour"}
    assert problems["context"]["given"] == "name=x"
    assert problems["colour"]["expected"] == "unknown argument; arguments: artifact_type, context"
    problems = await argument_problems(session, "status", {"paths": "src"})
    assert problems["paths"]["given"] == "src"
    problems = await argument_problems(session, "update", {"paths": ["a", 3]})
    assert problems["paths"]["given"] == ["a", 3]
    assert problems["paths"]["expected"] == "1: Input should be a valid string"
    problems = await argument_problems(session, "describe", {"bogus": 1})
    assert problems["bogus"]["given"] == 1

    # Booleans are strict: a call meant as a preview must not write.
    for meant_false in ("no", "false", 0, None, "0", []):
        for flag in ("dry_run", "force"):
            arguments = {"artifact_type": "worker", "context": WORKER, flag: meant_false}
            problems = await argument_problems(session, "scaffold", arguments)
            assert set(problems) == {flag}
            assert problems[flag]["given"] == meant_false
        problems = await argument_problems(session, "update", {"dry_run": meant_false})
        assert set(problems) == {"dry_run"}
    assert list(project.iterdir()) == []

    # A JSON object sent as text is read as the object, as the SDK reads it (Claude
    # Desktop sends objects so); nothing else is converted.
    failed, valid = await result(
        session, "validate", artifact_type="worker", context=json.dumps(WORKER)
    )
    assert (failed, valid) == (False, {"ok": True, "problems": []})


async def scenario(session, project):
    await check_tools_and_resources(session)
    await check_wrong_arguments_are_the_error_document(session, project)
    await check_every_tool(session, project)
    await check_paths_outside_are_refused(session, project)


def test_the_server_over_stdio(project):
    async def drive():
        server = StdioServerParameters(
            command=sys.executable,
            args=["-m", "scaffold_core", "mcp", "--project", str(project)],
            env={"SCAFFOLD_CACHE_DIR": os.environ["SCAFFOLD_CACHE_DIR"]},
            cwd=project.parent,
        )
        with (project.parent / "server.log").open("w") as errors:
            async with (
                stdio_client(server, errlog=errors) as (read, write),
                ClientSession(read, write) as session,
            ):
                await session.initialize()
                await scenario(session, project)

    anyio.run(drive)


def test_the_server_in_process(project):
    async def drive():
        async with Client(build_server(ProjectTools(project))) as client:
            await scenario(client, project)

    anyio.run(drive)


def test_an_internal_error_is_an_error_result():
    def broken():
        raise RuntimeError("a bug")

    outcome = call(broken)
    assert outcome.is_error
    message = "internal error: RuntimeError: a bug"
    assert outcome.structured_content == {
        "ok": False,
        "exit_code": 1,
        "error": "InternalError",
        "message": message,
        "problems": [{"subject": None, "location": None, "message": message, "expected": None}],
    }


def test_the_root_defaults_to_the_nearest_pyproject(project, monkeypatch):
    (project / "pyproject.toml").write_text('[project]\nname = "app"\n')
    (project / "src").mkdir()
    monkeypatch.chdir(project / "src")
    assert ProjectTools().project_root == project.resolve()


def test_without_a_project_it_refuses_to_serve(tmp_path):
    # Clients start servers in a folder of their own choosing, often /: without --project
    # and without a pyproject.toml above, there is no project, and no root to write in.
    for folder in (tmp_path, "/"):
        ran = subprocess.run(
            [sys.executable, "-m", "scaffold_core", "mcp"],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ran.returncode == 2, ran.stderr
        assert "pass --project DIR" in ran.stderr
        assert "Traceback" not in ran.stderr
        assert ran.stdout == ""
    assert list(tmp_path.iterdir()) == []
    assert not Path("/.scaffold").exists()


def test_no_pyproject_above_is_no_root_even_in_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadOption, match="pass --project DIR"):
        ProjectTools()
    with pytest.raises(BadOption, match="pass --project DIR"):
        server_project_root(None, Path("/"))
    assert server_project_root(tmp_path) == tmp_path
    assert not (tmp_path / ".scaffold").exists()


def test_without_the_extra_it_says_how_to_install_it(project):
    # A process of its own: this one has the SDK imported already.
    without_sdk = (
        "import sys; sys.modules['mcp'] = None; from scaffold_core.cli import main;"
        f" sys.exit(main(['mcp', '--project', {str(project)!r}]))"
    )
    ran = subprocess.run([sys.executable, "-c", without_sdk], capture_output=True, text=True)
    assert ran.returncode == 1
    assert ran.stderr == f"error: {MCP_MISSING}\n"
    assert "pip install 'scaffold-core[mcp]'" in MCP_MISSING


def test_other_commands_never_import_the_sdk(project):
    listed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "scaffold_core", "list"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rpartition("|")[2].strip() for line in listed.stderr.splitlines()}
    assert "scaffold_core.cli" in imported
    assert not {name for name in imported if name.split(".")[0] in {"mcp", "mcp_types"}}
    assert "scaffold_core.agents" not in imported


def test_broken_plugins_say_why(project, fixture_registry):
    tools = ProjectTools(project)
    tools.manager = ArtifactManager(project, registry=fixture_registry())
    broken = [o for o in tools.manager.registry.inspect_all() if isinstance(o, BrokenArtifact)]
    assert broken

    async def drive():
        async with Client(build_server(tools)) as client:
            failed, described = await result(client, "describe")
            assert not failed
            rows = {row["id"]: row for row in described["types"]}
            for outcome in broken:
                row = rows[outcome.artifact_id]
                assert row["summary"] is None
                assert row["status"] == f"broken: {outcome.reason}"
                uri = f"scaffold://types/{outcome.artifact_id}/schema"
                with pytest.raises(MCPError) as refused:
                    await client.read_resource(uri)
                assert outcome.artifact_id in str(refused.value)
                assert "Error reading resource" not in str(refused.value)

    anyio.run(drive)


def test_the_status_tool_names_every_state(project):
    async def drive():
        async with Client(build_server(ProjectTools(project))) as client:
            listed = await client.list_tools()
            (status,) = [tool for tool in listed.tools if tool.name == "status"]
            for state in STATES:
                assert state in status.description

    anyio.run(drive)
