"""Every Python example in docs/plugins.md runs as written against the code as it is.

A block may use what an earlier block defined (the page builds on its examples), so each
block runs after the blocks before it, in one namespace.
"""

import re
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
