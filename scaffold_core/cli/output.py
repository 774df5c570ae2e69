"""Output shared by the sub-commands: JSON documents on a stream.

The error document every command given ``--json`` prints is ``scaffold_core.error_document``'s.
"""

import json
from typing import TextIO

__all__ = ["write_json"]


def write_json(data: object, out: TextIO) -> None:
    """``data`` as indented JSON and a newline."""
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")
