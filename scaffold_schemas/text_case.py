"""Case conversions of names: the ones plugins derive names with and templates use as filters.

The core's output-path patterns and Jinja filters (``snake``, ``kebab``, ``pascal``) use these
same functions, so a name a plugin derives is the name the template and the path get.
"""

import re

__all__ = ["kebab_case", "pascal_case", "snake_case"]

# Case changes (ASCII camel and Pascal case) and any run of non-word characters or "_"
# separate words; letters and digits of every script are kept.
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[\W_]+")


def _words(text: str) -> list[str]:
    return [word for word in _WORD_BOUNDARY.split(text) if word]


def snake_case(text: str) -> str:
    """``OrderDTOWorker`` → ``order_dto_worker``."""
    return "_".join(word.lower() for word in _words(text))


def kebab_case(text: str) -> str:
    """``OrderWorker`` → ``order-worker``."""
    return "-".join(word.lower() for word in _words(text))


def pascal_case(text: str) -> str:
    """``order_worker`` → ``OrderWorker``."""
    return "".join(word[:1].upper() + word[1:] for word in _words(text))
