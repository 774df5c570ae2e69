"""Artifact plugins for the tests: one that follows the contract, many that break it."""

from typing import Annotated, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

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

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{}]})

    output_path: str = "x"


class LooseRenderContext(LooseContext, BaseRenderContext):
    """Matches LooseContext."""


class BrokenPythonContext(BaseContext):
    """Its template renders Python that does not parse."""

    model_config = ConfigDict(json_schema_extra={"examples": [{}]})

    default_output_path: ClassVar[str | None] = "broken.py"


class BrokenPythonRenderContext(BrokenPythonContext, BaseRenderContext):
    """Matches BrokenPythonContext."""


class OddExtensionContext(BaseContext):
    """Its template produces a file type the core cannot header."""

    model_config = ConfigDict(json_schema_extra={"examples": [{}]})


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

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "abc"}]})

    default_output_path: ClassVar[str | None] = "drift.py"

    label: SingleLineText


class DriftRenderContext(DriftContext, BaseRenderContext):
    """Matches DriftContext."""


class StrictContext(BaseContext):
    """v2 rejects a count that the legacy template renders happily (parity REGRESSION)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"count": 2}]})

    default_output_path: ClassVar[str | None] = "strict.py"

    count: int = Field(ge=1)


class StrictRenderContext(StrictContext, BaseRenderContext):
    """Matches StrictContext."""


class RedefineContext(BaseContext):
    """Breaks ARCH003: its RenderContext redefines a user field."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "a"}]})

    label: str


class RedefineRenderContext(RedefineContext, BaseRenderContext):
    """Redefines ``label`` on purpose."""

    label: str


class BadLegacyContext(BaseContext):
    """Breaks ARCH005: its legacy template does not parse."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "a"}]})

    label: str


class BadLegacyRenderContext(BadLegacyContext, BaseRenderContext):
    """Matches BadLegacyContext."""


class UnknownReadContext(BaseContext):
    """Breaks ARCH006: the template reads a variable that is not a field (behind a flag)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"verbose": False}]})

    verbose: bool


class UnknownReadRenderContext(UnknownReadContext, BaseRenderContext):
    """Matches UnknownReadContext."""


class Item(BaseModel):
    """One item with a name."""

    model_config = ConfigDict(extra="forbid")

    name: str


class AttributeTypoContext(BaseContext):
    """Breaks ARCH006: the template reads ``item.nmae``, which Item does not have."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": []}]})

    items: list[Item]


class AttributeTypoRenderContext(AttributeTypoContext, BaseRenderContext):
    """Matches AttributeTypoContext."""


class UnreadContext(BaseContext):
    """Breaks ARCH006 mildly (a warning): a required field the template never reads."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "a", "ignored": "b"}]})

    label: str
    ignored: str


class UnreadRenderContext(UnreadContext, BaseRenderContext):
    """Matches UnreadContext."""


class DefensiveContext(BaseContext):
    """Breaks ARCH007: its v2 template puts ``| default`` on a schema field."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "a"}]})

    label: str


class DefensiveRenderContext(DefensiveContext, BaseRenderContext):
    """Matches DefensiveContext."""


class BadExampleContext(BaseContext):
    """Breaks ARCH009: one of its examples does not validate."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "a"}, {"label": 3}]})

    label: str


class BadExampleRenderContext(BadExampleContext, BaseRenderContext):
    """Matches BadExampleContext."""


def _number_as_text(value: object) -> object:
    return str(value) if isinstance(value, int) else value


class CoercedContext(BaseContext):
    """Breaks ARCH010: it takes a number as its label, which its exported schema refuses.

    The ``BeforeValidator`` does not declare ``json_schema_input_type``, so the schema says
    ``string`` only: the second example validates and renders, but fails the schema.
    """

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "a"}, {"label": 3}]})

    default_output_path: ClassVar[str | None] = "coerced.py"

    label: Annotated[SingleLineText, BeforeValidator(_number_as_text)]


class CoercedRenderContext(CoercedContext, BaseRenderContext):
    """Matches CoercedContext."""


class BadPatternContext(BaseContext):
    """Breaks ARCH010: its exported schema holds a pattern that is no regular expression."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"label": "a"}]})

    default_output_path: ClassVar[str | None] = "bad_pattern.py"

    label: str = Field(json_schema_extra={"pattern": "(["})


class BadPatternRenderContext(BadPatternContext, BaseRenderContext):
    """Matches BadPatternContext."""


class StaleRejectionContext(BaseContext):
    """Breaks ARCH011: one rejection case is accepted, one is refused at another field."""

    default_output_path: ClassVar[str | None] = "stale_rejection.py"

    label: SingleLineText
    count: int = 0


class StaleRejectionRenderContext(StaleRejectionContext, BaseRenderContext):
    """Matches StaleRejectionContext."""
