"""``scaffold mcp``: per-call latency of its tools, through the SDK's client over stdio.

The server runs as an agent's client starts it (``python -m scaffold_core mcp --project``);
each call is timed in the client from request to parsed result, so the figure holds the
JSON-RPC round trip through the pipes as well as the tool's work. The first call of each
tool (imports, template compilation) is left out: the target is the steady state.
"""

import sys
import time
from pathlib import Path

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from benchmarks.stats import Timing

__all__ = ["CALLS", "time_tool_calls"]

WORKER = {"name": "OrderWorker", "layer": "platform", "capabilities": ["reserve_stock"]}
CALLS: dict[str, tuple[str, dict[str, object]]] = {
    "validate worker": ("validate", {"artifact_type": "worker", "context": WORKER}),
    "scaffold worker, dry run": ("scaffold", {"artifact_type": "worker", "context": WORKER}),
}
"""The timed calls, by row name: the tool and its arguments."""


def time_tool_calls(runs: int, work: Path) -> dict[str, Timing]:
    """Each of ``CALLS`` ``runs`` times, round-robin, after one untimed call of each."""
    project = work / "mcp"
    project.mkdir()
    server = StdioServerParameters(
        command=sys.executable, args=["-m", "scaffold_core", "mcp", "--project", str(project)]
    )
    samples: dict[str, list[float]] = {name: [] for name in CALLS}

    async def drive() -> None:
        async with (
            stdio_client(server) as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            for tool, arguments in CALLS.values():
                await _checked(session, tool, arguments)
            for _ in range(runs):
                for name, (tool, arguments) in CALLS.items():
                    started = time.perf_counter()
                    await _checked(session, tool, arguments)
                    samples[name].append(time.perf_counter() - started)

    anyio.run(drive)
    return {name: Timing(name, tuple(values)) for name, values in samples.items()}


async def _checked(session: ClientSession, tool: str, arguments: dict[str, object]) -> None:
    """One call; a failed one stops the benchmark (it would time the wrong thing)."""
    result = await session.call_tool(tool, arguments)
    if getattr(result, "is_error", True):
        raise RuntimeError(f"mcp {tool} failed: {result}")
