"""Which pipeline a scaffold call uses: ``--pipeline``, else PYDANTIC_SCAFFOLDING_ENABLED.

The variable is read at every call, so toggling it needs no restart.
"""

import os
from collections.abc import Mapping
from typing import Final, Literal

from scaffold_core.errors import BadOption

__all__ = ["FLAG", "PIPELINES", "Pipeline", "choose_pipeline"]

FLAG: Final = "PYDANTIC_SCAFFOLDING_ENABLED"
Pipeline = Literal["v1", "v2"]
PIPELINES: Final[tuple[Pipeline, ...]] = ("v1", "v2")


def choose_pipeline(explicit: str | None, environ: Mapping[str, str] | None = None) -> Pipeline:
    """``explicit`` when given, else ``true`` (the default) → v2 and ``false`` → v1."""
    if explicit is not None:
        if explicit == "v1":
            return "v1"
        if explicit == "v2":
            return "v2"
        raise BadOption(f"unknown pipeline '{explicit}': use 'v1' (legacy) or 'v2' (schema-first)")
    raw = (os.environ if environ is None else environ).get(FLAG)
    if raw is None or raw.strip().lower() == "true":
        return "v2"
    if raw.strip().lower() == "false":
        return "v1"
    raise BadOption(
        f"{FLAG}={raw!r} is not accepted: use 'true' (schema-first v2 pipeline, the default)"
        " or 'false' (legacy v1 pipeline)"
    )
