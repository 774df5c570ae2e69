"""Every Python example in docs/plugins.md runs as written against the code as it is.

A block may use what an earlier block defined (the page builds on its examples), so each
block runs after the blocks before it, in one namespace.
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

_DOC = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
_BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_BLOCKS = _BLOCK.findall(_DOC.read_text(encoding="utf-8"))


def test_the_guide_has_python_examples() -> None:
    assert len(_BLOCKS) >= 8


@pytest.mark.parametrize("index", range(len(_BLOCKS)))
def test_python_example_runs(index: int) -> None:
    namespace: dict[str, object] = {"__name__": f"plugins_doc_example_{index}"}
    for number, block in enumerate(_BLOCKS[: index + 1]):
        code = compile(block, f"docs/plugins.md[python block {number}]", "exec")
        exec(code, namespace)


_START = _DOC.read_text(encoding="utf-8").split("## Start here")[1].split("\n## ")[0]
_SCAFFOLD_LINE = re.compile(r"^\$ (scaffold new artifact_plugin .*)\n((?:[^$`\n].*\n)*)", re.M)


def test_start_here_writes_what_the_guide_shows(tmp_path: Path) -> None:
    """The section's ``scaffold new artifact_plugin`` commands list exactly those files, and
    the Context it shows for the legacy worker is the one generated.

    Run in an empty folder; a path in a command is the repository's (as from its root).
    """
    root = _DOC.parent.parent
    runs = _SCAFFOLD_LINE.findall(_START)
    assert len(runs) == 2
    for command, shown in runs:
        arguments = [
            str(root / word) if (root / word).is_file() else word
            for word in shlex.split(command)[1:]
        ]
        result = subprocess.run(
            [str(Path(sys.executable).with_name("scaffold")), *arguments],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == shown or not shown
    context = _START.split("```python\n")[1].split("```")[0]
    module = tmp_path / "scaffold-artifact-legacy-worker" / "scaffold_artifact_legacy_worker"
    assert "class " + context.split("class ")[1] in (module / "__init__.py").read_text()
