"""``make demo``: scaffold a sample DTO and worker into a throwaway folder and show them."""

import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

SCAFFOLD = str(Path(sys.executable).with_name("scaffold"))
COMMANDS = [
    ["list"],
    ["schema", "dto"],
    ["new", "dto", "--context", "order.json"],
    ["new", "worker", "-s", "name=OrderWorker", "-s", "layer=platform",
     "-s", 'capabilities=["reserve_stock", "request_label"]', "-o", "src/app/order_worker.py"],
    ["new", "worker", "-s", "name=order worker", "-s", "layer=Platform", "-s", "colour=red"],
]  # fmt: skip


def run(arguments: list[str], project: Path) -> str:
    """Run one scaffold command in ``project``, echo it and its output (a schema, briefly)."""
    print(f"\n$ scaffold {shlex.join(arguments)}")  # noqa: T201 -- the demo is for a person
    result = subprocess.run(
        [SCAFFOLD, *arguments], cwd=project, capture_output=True, text=True, check=False
    )
    shown = result.stdout + result.stderr
    if arguments[0] == "schema":
        schema = json.loads(result.stdout)
        shown = (
            f"(the JSON Schema of {schema['title']}; fields: {', '.join(schema['properties'])})"
        )
    print(shown.rstrip(), f"(exit code {result.returncode})", sep="\n")  # noqa: T201
    return result.stdout


def main() -> None:
    """Scaffold the samples, then print every file written."""
    with tempfile.TemporaryDirectory(prefix="scaffold-demo-") as folder:
        project = Path(folder)
        for arguments in COMMANDS:
            output = run(arguments, project)
            if arguments[0] == "schema":
                # The DTO's first documented example becomes the context file of the next step.
                example = json.loads(output)["examples"][0]
                (project / "order.json").write_text(json.dumps(example, indent=2))
        for path in sorted(project.rglob("*.py")):
            relative = path.relative_to(project)
            print(f"\n===== {relative} =====\n{path.read_text()}", end="")  # noqa: T201
        print(f"\n(the demo project {project} is removed now)")  # noqa: T201


if __name__ == "__main__":
    main()
