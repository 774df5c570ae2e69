"""How a Jinja template reads a value, for the library's formatters written in Python.

``scaffold_core.render.markdown`` and ``scaffold_core.render.python_source`` replace macros
byte for byte, so they show and look up values exactly as the macros' ``{{ }}`` and ``a.b``
did.
"""

from typing import Any

__all__ = ["jinja_attribute", "jinja_text"]


def jinja_text(value: object) -> str:
    """``{{ value }}``: ``None`` as nothing, anything else as its text."""
    return "" if value is None else str(value)


def jinja_attribute(owner: Any, name: str) -> Any:  # noqa: ANN401 -- any value, as Jinja reads it
    """``owner.name`` as Jinja reads it: the attribute, else the item of that name.

    Raises ``KeyError`` (or ``TypeError``) when ``owner`` has neither.
    """
    try:
        return getattr(owner, name)
    except AttributeError:
        return owner[name]
