"""Artifact plugins for the tests: one that follows the contract, many that break it."""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from scaffold_schemas import BaseContext, BaseDocumentContext, BaseRenderContext, SingleLineText


class NoteContext(BaseDocumentContext):
    """A short Markdown note (follows the contract)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"title": "Release checklist", "body": "Tag it."}]}
    )
    default_output_path: ClassVar[str | None] = "notes/{title:kebab}.md"

    body: SingleLineText


class NoteRenderContext(NoteContext, BaseRenderContext):
    """What the note template receives."""


class OrphanContext(BaseContext):
    """Has no OrphanRenderContext."""

    name: str


class MisfitContext(BaseContext):
    """Its RenderContext does not subclass BaseRenderContext."""

    name: str


class MisfitRenderContext(MisfitContext):
    """Wrong bases on purpose."""


class PlainContext(BaseModel):
    """Not a BaseContext."""


class Widget(BaseContext):
    """The class name lacks the Context suffix."""


class TemplatelessContext(BaseContext):
    """No template ships for it."""


class TemplatelessRenderContext(TemplatelessContext, BaseRenderContext):
    """Complete apart from the template."""


class LooseContext(BaseContext):
    """Allows extra fields and declares a lifecycle field."""

    model_config = ConfigDict(extra="allow")

    output_path: str = "x"


class LooseRenderContext(LooseContext, BaseRenderContext):
    """Matches LooseContext."""


class BrokenPythonContext(BaseContext):
    """Its template renders Python that does not parse."""

    default_output_path: ClassVar[str | None] = "broken.py"


class BrokenPythonRenderContext(BrokenPythonContext, BaseRenderContext):
    """Matches BrokenPythonContext."""


class OddExtensionContext(BaseContext):
    """Its template produces a file type the core cannot header."""


class OddExtensionRenderContext(OddExtensionContext, BaseRenderContext):
    """Matches OddExtensionContext."""


class UndefinedVariableContext(BaseContext):
    """Its template reads a variable that is not a field."""


class UndefinedVariableRenderContext(UndefinedVariableContext, BaseRenderContext):
    """Matches UndefinedVariableContext."""


class TwoContext(BaseContext):
    """Ships two v2 templates, so the core cannot tell which one to use."""


class TwoRenderContext(TwoContext, BaseRenderContext):
    """Matches TwoContext."""


class DriftContext(BaseContext):
    """Its legacy template renders something else than its v2 template (parity MISMATCH)."""

    default_output_path: ClassVar[str | None] = "drift.py"

    label: SingleLineText


class DriftRenderContext(DriftContext, BaseRenderContext):
    """Matches DriftContext."""


class StrictContext(BaseContext):
    """v2 rejects a count that the legacy template renders happily (parity REGRESSION)."""

    default_output_path: ClassVar[str | None] = "strict.py"

    count: int = Field(ge=1)


class StrictRenderContext(StrictContext, BaseRenderContext):
    """Matches StrictContext."""
