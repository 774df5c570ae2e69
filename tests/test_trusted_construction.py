"""Models built without validation per rendering equal what model_construct builds.

enrich() builds the RenderContext and the document base builds its section views without
pydantic's model_construct (its per-field alias and default look-ups cost more than the
instance); the instances must not differ from model_construct's in anything a template,
a dump or a comparison sees.
"""

from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from pydantic import BaseModel, Field

from scaffold_core import ArtifactManager, ArtifactRegistry, ArtifactType
from scaffold_core.enrich import enrich
from scaffold_core.validate.context import validate_context
from scaffold_schemas import BaseContext, BaseRenderContext
from scaffold_schemas.documents import (
    DocumentSection,
    SectionBlock,
    Subsection,
    _view,
)

CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def _state(model: BaseModel) -> tuple[Any, ...]:
    return (
        type(model),
        list(model.__dict__.items()),
        model.model_fields_set,
        model.__pydantic_extra__,
        model.__pydantic_private__,
    )


def _persistent_examples() -> list[tuple[ArtifactType, dict[str, Any]]]:
    return [
        (outcome, example)
        for outcome in ArtifactRegistry().inspect_all()
        if isinstance(outcome, ArtifactType) and outcome.render_context_class is not None
        for example in outcome.examples()
    ]


def _expected(
    artifact: ArtifactType, context: BaseContext, render_context: BaseRenderContext
) -> BaseRenderContext:
    assert artifact.render_context_class is not None
    lifecycle = {name: getattr(render_context, name) for name in ("output_path", "version_hash")}
    return artifact.render_context_class.model_construct(
        context.model_fields_set
        | {"output_path", "scaffold_created", "template_id"}
        | {"version_hash", "scaffold_updated"},
        **{
            **dict(context),
            **lifecycle,
            "scaffold_created": CREATED,
            "template_id": artifact.artifact_id,
            "scaffold_updated": None,
        },
    )


def test_every_render_context_is_model_constructs(tmp_path: Path) -> None:
    manager = ArtifactManager(tmp_path)
    examples = _persistent_examples()
    assert examples
    for outcome, example in examples:
        artifact = manager.artifact(outcome.artifact_id)
        context = validate_context(artifact, example)
        assert isinstance(context, BaseContext)
        built = enrich(
            artifact, context, output_path="a/b.x", created=CREATED, version_hash="0" * 8
        )
        expected = _expected(artifact, context, built)
        assert _state(built) == _state(expected)
        assert built == expected
        assert built.model_dump() == expected.model_dump()


def test_a_render_context_with_fields_beyond_the_context_gets_their_defaults(
    tmp_path: Path,
) -> None:
    artifact = ArtifactManager(tmp_path).artifact("reference")
    context = validate_context(artifact, artifact.examples()[0])
    assert isinstance(context, BaseContext)
    extended = type(
        "ExtendedRenderContext",
        (artifact.render_context_class,),
        {"__annotations__": {"added": list[str]}, "added": Field(default_factory=lambda: ["a"])},
    )
    stand_in = SimpleNamespace(artifact_id="reference", render_context_class=extended)
    built = enrich(
        cast("ArtifactType", stand_in),
        context,
        output_path="a/b.md",
        created=CREATED,
        version_hash="0" * 8,
    )
    assert type(built) is extended
    assert built.added == ["a"]  # type: ignore[attr-defined]
    assert "added" not in built.model_fields_set
    assert built.title == context.title  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (SectionBlock, {"field": "f", "form": "text", "label": None, "text": "t"}),
        (SectionBlock, {"field": "f", "form": "bullets", "items": ["a"], "language": ""}),
        (SectionBlock, {"field": "f", "form": "block"}),
        (DocumentSection, {"heading": "H", "closing": True, "blocks": []}),
        (DocumentSection, {"heading": "H", "blocks": []}),
        (Subsection, {"heading": "H", "parts": []}),
    ],
)
def test_section_views_are_model_constructs(cls: type[BaseModel], values: dict[str, Any]) -> None:
    given = dict(values)
    built = _view(cls, values)  # type: ignore[type-var]
    assert values == given
    assert _state(built) == _state(cls.model_construct(**values))


def test_section_views_do_not_share_list_defaults() -> None:
    first, second = (_view(SectionBlock, {"field": "f", "form": "block"}) for _ in range(2))
    first.items.append("a")
    assert second.items == []
    assert SectionBlock.model_fields["items"].default == []
