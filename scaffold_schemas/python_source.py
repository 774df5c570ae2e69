"""Python source for plain values, written the way ``ruff format`` would write it."""

import json

__all__ = ["python_string"]


def python_string(text: str) -> str:
    """A string literal for ``text``: double quotes unless single quotes need fewer escapes.

    Non-ASCII characters are kept as they are; control characters are escaped.
    """
    if text.count('"') > text.count("'"):
        return repr(text)  # repr picks single quotes here and escapes what needs it
    return json.dumps(text, ensure_ascii=False)
