"""The document base: sections declared once in the schema, rendered by the shared layout.

The declarations (``section``, ``column``, ``part``) and the ``sections`` computed field are
tested on small Contexts defined here; the rendering through the shared layout and macros on
the installed document types, with values that try to break the Markdown's structure, and
on a fixture plugin written to the contract as it was before section forms.
"""

import re
from pathlib import Path
from typing import Literal

import jinja2
import pytest
from jinja2 import nodes
from pydantic import Field, ValidationError, computed_field

from scaffold_core import ArtifactManager, ArtifactRegistry, ArtifactType, PluginHooks
from scaffold_core.errors import InvalidInput
from scaffold_schemas import (
    SECTION_FORM_KEY,
    SECTION_KEY,
    BaseDocumentContext,
    DocumentItem,
    SingleLineText,
    Text,
    column,
    part,
    section,
)
from tests.conftest import FIXED_TIME, entry

INSTALLED = ArtifactRegistry()
DOCUMENTS = [
    outcome
    for outcome in INSTALLED.inspect_all()
    if isinstance(outcome, ArtifactType) and issubclass(outcome.context_class, BaseDocumentContext)
]


class Row(DocumentItem):
    """A table row: a key, an optional rating and a note."""

    name: SingleLineText = Field(json_schema_extra=column("Name"))
    phase: SingleLineText = Field(default="one", json_schema_extra=column("Phase"))
    rating: Literal["low", "high"] | None = Field(
        default=None,
        json_schema_extra=column("Rating", empty="-", style="capitalize", optional=True),
    )
    note: SingleLineText | None = Field(default=None, json_schema_extra=column("Note"))


class Entry(DocumentItem):
    """A subsection: its topic heads it; text, a labelled line and labelled bullets follow."""

    topic: SingleLineText
    body: Text = Field(json_schema_extra=part())
    source: SingleLineText | None = Field(default=None, json_schema_extra=part("line", label="By"))
    pros: list[SingleLineText] = Field(
        default_factory=list, json_schema_extra=part("bullets", label="Pros")
    )


class Report(BaseDocumentContext):
    """One field of each form, a computed section placed first and a marked-only field."""

    summary: Text = Field(json_schema_extra=section("Summary", "text"))
    rows: list[Row] = Field(
        default_factory=list,
        json_schema_extra=section("Rows", "table", key=("name", "phase")),
    )
    entries: list[Entry] = Field(
        default_factory=list,
        json_schema_extra=section("Entries", "subsections", subheading="topic"),
    )
    steps: list[SingleLineText] = Field(
        default_factory=list, json_schema_extra=section("Steps", "numbered")
    )
    snippets: list[Text] = Field(
        default_factory=list, json_schema_extra=section("Code", "code", language="sh")
    )
    owners: list[Row] = Field(
        default_factory=list, json_schema_extra=section("Owners", "table", key=("name",))
    )
    aside: Text | None = Field(default=None, json_schema_extra=section("Aside"))

    @computed_field(  # type: ignore[prop-decorator]
        json_schema_extra=section("Count", "block", before="summary")
    )
    @property
    def count(self) -> int:
        """How many rows there are."""
        return len(self.rows)


def report(**given: object) -> Report:
    return Report.model_validate({"title": "R", "summary": "S.", **given})


# --- declarations -------------------------------------------------------------------------


def test_a_section_without_form_is_the_plain_heading_mark_plugins_already_use():
    assert section("Goals") == {SECTION_KEY: "Goals"}


def test_a_section_declares_its_form_and_only_the_options_given():
    assert section("Scope", "bullets", label="In scope") == {
        SECTION_KEY: "Scope",
        SECTION_FORM_KEY: {"form": "bullets", "label": "In scope"},
    }
    assert section("Rows", "table", key=("a", "b"), closing=True)[SECTION_FORM_KEY] == {
        "form": "table",
        "key": ["a", "b"],
        "closing": True,
    }


def test_declarations_are_part_of_the_json_schema():
    schema = Report.model_json_schema()
    assert schema["properties"]["rows"][SECTION_FORM_KEY]["key"] == ["name", "phase"]
    assert schema["properties"]["aside"] == {
        **schema["properties"]["aside"],
        SECTION_KEY: "Aside",
    }
    assert SECTION_FORM_KEY not in schema["properties"]["aside"]
    rating = schema["$defs"]["Row"]["properties"]["rating"]["column"]
    assert rating == {"header": "Rating", "empty": "-", "style": "capitalize", "optional": True}


# --- sections ------------------------------------------------------------------------------


def test_sections_follow_the_declared_order_with_placed_and_closing_ones_moved():
    filled = report(
        purpose="P.",
        related_docs=["docs/a.md"],
        rows=[{"name": "a"}],
        entries=[{"topic": "T", "body": "B."}],
        steps=["one"],
        snippets=["ls"],
        owners=[{"name": "o"}],
        aside="Not rendered by the base.",
    )
    headings = [found.heading for found in filled.sections]
    assert headings == [
        "Purpose",
        "Count",
        "Summary",
        "Rows",
        "Entries",
        "Steps",
        "Code",
        "Owners",
        "Related documents",
    ]
    assert [found.closing for found in filled.sections][-2:] == [False, True]
    assert Report.section_fields()[:2] == ("purpose", "scope_in")
    assert "aside" not in Report.section_fields()


def test_empty_sections_are_left_out_and_fields_sharing_a_heading_form_one_section():
    assert [found.heading for found in report().sections] == ["Count", "Summary"]
    (scope,) = [found for found in report(scope_out=["x"]).sections if found.heading == "Scope"]
    assert [(block.field, block.label) for block in scope.blocks] == [
        ("scope_out", "Out of scope")
    ]
    (scope,) = report(scope_in=["a"], scope_out=["b"]).sections[:1]
    assert [block.items for block in scope.blocks] == [["a"], ["b"]]


def test_a_table_has_the_declared_columns_an_optional_one_only_when_some_row_fills_it():
    (rows,) = [
        s for s in report(rows=[{"name": "a", "note": "n"}]).sections if s.heading == "Rows"
    ]
    (block,) = rows.blocks
    assert [c.header for c in block.columns] == ["Name", "Phase", "Note"]
    assert block.rows == [["a", "one", "n"]]
    rated = report(rows=[{"name": "a"}, {"name": "b", "rating": "high"}]).sections
    (block,) = next(s for s in rated if s.heading == "Rows").blocks
    assert [(c.header, c.empty, c.style) for c in block.columns][2] == (
        "Rating",
        "-",
        "capitalize",
    )
    assert block.rows == [["a", "one", None, None], ["b", "one", "high", None]]


def test_a_subsection_is_headed_by_its_declared_field_and_keeps_its_filled_parts():
    filled = report(entries=[{"topic": "T", "body": "B.", "pros": ["fast"]}]).sections
    (block,) = next(s for s in filled if s.heading == "Entries").blocks
    (entry_,) = block.subsections
    assert entry_.heading == "T"
    assert [(p.form, p.label, p.text, p.items) for p in entry_.parts] == [
        ("text", None, "B.", []),
        ("bullets", "Pros", "", ["fast"]),
    ]


# --- rules the base owns --------------------------------------------------------------------


def errors_of(**given: object) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as raised:
        report(**given)
    return [(".".join(map(str, e["loc"])), e["msg"]) for e in raised.value.errors()]


def test_a_repeated_subheading_is_refused_at_the_item_case_ignored():
    entries = [{"topic": "Cost", "body": "a"}, {"topic": "Speed", "body": "b"}]
    assert errors_of(entries=[*entries, {"topic": "COST", "body": "c"}]) == [
        (
            "entries.2.topic",
            (
                "'COST' is already the topic of entries.0; each topic is a heading and must be"
                " unique (case ignored)"
            ),
        )
    ]


def test_repeated_keys_are_refused_at_the_item_every_one_at_once():
    problems = errors_of(
        rows=[{"name": "a"}, {"name": "a", "phase": "two"}, {"name": "a"}],
        owners=[{"name": "o"}, {"name": "o"}],
    )
    assert problems == [
        (
            "rows.2",
            (
                "name 'a' and phase 'one' are already those of rows.0; each name and phase pair"
                " in rows must be unique"
            ),
        ),
        (
            "owners.1.name",
            "'o' is already the name of owners.0; each name in owners must be unique",
        ),
    ]


def test_an_item_refuses_unknown_keys():
    assert errors_of(rows=[{"name": "a", "colour": "red"}]) == [
        ("rows.0.colour", "Extra inputs are not permitted")
    ]


def test_distinct_keys_and_headings_pass():
    filled = report(
        rows=[{"name": "a"}, {"name": "a", "phase": "two"}],
        entries=[{"topic": "Cost", "body": "a"}, {"topic": "Costs", "body": "b"}],
    )
    assert filled.count == 2


@pytest.mark.parametrize(
    ("declaration", "annotation", "problem"),
    [
        (section("X", "table"), list[str], "form 'table' needs a list of models"),
        (section("X", "subsections"), list[Entry], "needs subheading=<the item field"),
        (section("X", "subsections", subheading="title"), list[Entry], "title: no field of Entry"),
        (section("X", "table"), list[Entry], "a table needs item fields declared with column()"),
        (section("X", "bullets", before="nowhere"), list[str], "names no declared section"),
        (section("X", "numbered", label="L"), list[str], "label= is for the bullets form"),
        ({SECTION_KEY: "X", SECTION_FORM_KEY: {"form": "prose"}}, str, "unknown form 'prose'"),
        ({SECTION_KEY: " ", SECTION_FORM_KEY: {"form": "text"}}, str, "needs a heading"),
    ],
)
def test_a_wrong_declaration_fails_when_the_class_is_defined(declaration, annotation, problem):
    with pytest.raises(TypeError, match=re.escape(problem)) as raised:
        type(
            "Broken",
            (BaseDocumentContext,),
            {
                "__annotations__": {"field": annotation},
                "field": Field(json_schema_extra=declaration),
            },
        )
    assert str(raised.value).startswith("Broken.field: section declaration: ")


# --- rendering through the shared layout ---------------------------------------------------


@pytest.fixture(scope="module")
def manager(tmp_path_factory: pytest.TempPathFactory) -> ArtifactManager:
    return ArtifactManager(
        tmp_path_factory.mktemp("documents"),
        registry=INSTALLED,
        hooks=PluginHooks([]),
        clock=lambda: FIXED_TIME,
    )


def render(manager: ArtifactManager, artifact_id: str, context: dict[str, object]) -> str:
    result = manager.scaffold(artifact_id, context, output_path="out.md", dry_run=True)
    return result.content.partition("\n")[2]


def test_every_installed_document_type_is_found():
    assert {"research", "planning", "design", "architecture", "tracking", "reference"} <= {
        artifact.artifact_id for artifact in DOCUMENTS
    }


@pytest.mark.parametrize("artifact", DOCUMENTS, ids=lambda artifact: artifact.artifact_id)
def test_templates_repeat_no_declared_heading_and_fill_every_block_form(artifact):
    context = artifact.render_context_class
    source = (artifact.template_dir / Path(artifact.template_name).name).read_text()
    declared = {
        name: info.json_schema_extra
        for name, info in [*context.model_fields.items(), *context.model_computed_fields.items()]
        if isinstance(info.json_schema_extra, dict) and SECTION_KEY in info.json_schema_extra
    }
    for extra in declared.values():
        assert f'"{extra[SECTION_KEY]}"' not in source, extra[SECTION_KEY]
    block_forms = {
        name
        for name, extra in declared.items()
        if extra.get(SECTION_FORM_KEY, {}).get("form") == "block"
    }
    tree = jinja2.Environment(extensions=["jinja2.ext.do"]).parse(source)
    defined = {block.name for block in tree.find_all(nodes.Block)}
    assert block_forms <= defined


def test_headings_taken_from_values_cannot_close_early_or_be_empty(manager):
    body = render(
        manager,
        "research",
        {
            "title": "C #",
            "problem_statement": "P.",
            "goals": ["G"],
            "findings": [{"topic": "#", "finding": "a"}, {"topic": "Size ##", "finding": "b"}],
        },
    )
    assert body.startswith("# C \\#\n")
    assert "\n### \\#\n" in body
    assert "\n### Size \\##\n" in body


def test_list_items_cannot_become_headings_or_rules(manager):
    body = render(
        manager,
        "research",
        {
            "title": "T",
            "problem_statement": "P.",
            "goals": ["# not a heading", "--", "- - -", "#hashtag", "####### seven"],
            "references": ["## not either"],
        },
    )
    goals = body.split("## Goals\n\n")[1].split("\n\n")[0].splitlines()
    assert goals == [
        "- \\# not a heading",
        "- \\--",
        "- \\- - -",
        "- #hashtag",
        "- ####### seven",
    ]
    assert "1. \\## not either" in body


def test_table_cells_keep_pipes_and_placeholders(manager):
    body = render(
        manager,
        "tracking",
        {
            "title": "T",
            "items": [
                {"id": "A|1", "title": "x | y", "status": "in_progress"},
                {"id": "B", "title": "z", "status": "done", "owner": "Ops"},
            ],
        },
    )
    assert "| A\\|1 | x \\| y | [IN PROGRESS] | — | — |" in body
    assert "| B | z | [DONE] | Ops | — |" in body


def test_a_risk_table_gets_its_likelihood_column_only_when_a_risk_is_rated(manager):
    plan = {
        "title": "P",
        "summary": "S.",
        "cycles": [{"cycle": 1, "phase": "a", "description": "d"}],
    }
    unrated = render(manager, "planning", {**plan, "risks": [{"risk": "r", "mitigation": "m"}]})
    assert "| Risk | Mitigation |\n| --- | --- |\n| r | m |" in unrated
    rated = render(
        manager,
        "planning",
        {
            **plan,
            "risks": [
                {"risk": "r", "mitigation": "m"},
                {"risk": "s", "mitigation": "n", "likelihood": "high"},
            ],
        },
    )
    assert "| Risk | Likelihood | Mitigation |" in rated
    assert "| r | \N{EN DASH} | m |\n| s | High | n |" in rated


def test_code_keeps_a_fence_longer_than_any_backtick_run_inside(manager):
    body = render(
        manager,
        "reference",
        {
            "title": "R",
            "source_file": "src/`odd`.py",
            "test_file": "tests/t.py",
            "api_reference": [
                {"name": "f", "signature": '(x: str = "```") -> None', "description": "D."}
            ],
            "usage_examples": ['x = """\n````\n"""'],
        },
    )
    assert "- Source: ``src/`odd`.py``" in body
    assert '````python\nf(x: str = "```") -> None\n````' in body
    assert '`````python\nx = """\n````\n"""\n`````' in body


def test_a_text_value_that_would_add_a_heading_is_refused_naming_its_field(manager):
    with pytest.raises(InvalidInput) as refused:
        render(manager, "research", {"title": "C", "goals": ["F"], "problem_statement": "# e"})
    assert [problem.location for problem in refused.value.problems] == ["problem_statement"]


# --- plugins written to the contract before section forms ----------------------------------


def test_a_plugin_rendering_its_sections_in_body_keeps_its_place(tmp_path):
    registry = ArtifactRegistry([entry("memo", "legacy_document:MemoContext")])
    legacy = ArtifactManager(
        tmp_path, registry=registry, hooks=PluginHooks([]), clock=lambda: FIXED_TIME
    )
    body = render(
        legacy,
        "memo",
        {
            "title": "Memo",
            "purpose": "Why.",
            "decision": "Ship on Monday.",
            "related_docs": ["docs/plan.md"],
        },
    )
    assert body == (
        "# Memo\n\n| Status | Version | Last updated |\n| --- | --- | --- |\n"
        "| Draft | 0.1 | 2026-01-02 |\n\n## Purpose\n\nWhy.\n\n## Decision\n\nShip on Monday."
        "\n\n## Related documents\n\n- docs/plan.md\n"
    )
