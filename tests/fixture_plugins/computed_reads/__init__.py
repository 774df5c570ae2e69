"""Artifact plugins for the tests whose templates read fields only through computed fields.

ARCH006 warns about a required field the template never reads; these computed fields read
their fields in ways a text search gets wrong in both directions.
"""

from typing import ClassVar

from pydantic import ConfigDict, computed_field

from scaffold_schemas import BaseContext, BaseRenderContext


class ComputedReadsContext(BaseContext):
    """Reads ``first`` to ``fourth`` through one computed field; ``ghost`` only by name."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"first": "a", "second": "b", "third": "c", "fourth": "d", "ghost": "e"}]
        }
    )
    default_output_path: ClassVar[str | None] = "computed.py"

    first: str
    second: str
    third: str
    fourth: str
    ghost: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> str:
        """Reads four fields; "self.ghost" in this string and the comment below reads none."""
        # self.ghost
        first = self .first  # fmt: skip
        parts = [first, getattr(self, "second", ""), self._third(), self.loud_fourth]
        return " ".join(parts) + "self.ghost"

    def _third(self) -> str:
        return self.third

    @property
    def loud_fourth(self) -> str:
        """``fourth`` in capitals."""
        return self.fourth.upper()


class NamedContext(BaseContext):
    """A base whose computed field reads ``name``."""

    name: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def heading(self) -> str:
        """The name."""
        return self.name


class OverrideContext(NamedContext):
    """Overrides ``heading`` and reads the base's through ``super()``."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "a", "suffix": "b"}]})
    default_output_path: ClassVar[str | None] = "override.py"

    suffix: str

    @computed_field  # type: ignore[prop-decorator]
    @property
    def heading(self) -> str:
        """The base's heading, then the suffix."""
        return f"{super().heading} {self.suffix}"


class ComputedReadsRenderContext(ComputedReadsContext, BaseRenderContext):
    """Matches ComputedReadsContext."""


class OverrideRenderContext(OverrideContext, BaseRenderContext):
    """Matches OverrideContext."""
