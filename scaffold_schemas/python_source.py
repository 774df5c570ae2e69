"""Python source for plain values, written the way ``ruff format`` would write it."""

import json
from typing import Final

__all__ = ["LINE_LENGTH", "python_string"]

LINE_LENGTH: Final = 88
"""ruff format's default line length: generated code keeps to it."""


def python_string(text: str) -> str:
    """A string literal for ``text``: double quotes unless single quotes need fewer escapes.

    Non-ASCII characters are kept as they are; control characters are escaped.
    """
    if text.count('"') > text.count("'"):
        return repr(text)  # repr picks single quotes here and escapes what needs it
    return json.dumps(text, ensure_ascii=False)
