"""Case conversions by name, for output-path patterns and templates (as Jinja filters).

The conversions themselves live in ``scaffold_schemas.text_case``, where plugins derive
names with them: a name a plugin derives is the one its template and output path get.
"""

from collections.abc import Callable
from typing import Final

from scaffold_schemas.text_case import kebab_case, pascal_case, snake_case

__all__ = ["CONVERSIONS", "kebab_case", "pascal_case", "snake_case"]

CONVERSIONS: Final[dict[str, Callable[[str], str]]] = {
    "snake": snake_case,
    "kebab": kebab_case,
    "pascal": pascal_case,
    "lower": str.lower,
}
"""Conversions by the name patterns and templates use for them."""
