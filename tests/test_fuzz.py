"""The promise, property-based: a fixed-seed slice of the fuzzing proof, and the harness itself.

For every discovered artifact type, ``SLICE`` contexts (drawn from its JSON Schema and by
mutating its examples, always the same ones) must each give valid output or a user error
naming the field: no crash, no invalid output, no valid input refused. ``make fuzz`` runs
the same proof over many more contexts. A failure prints a shrunk reproducer per kind.

The harness tests use a probe plugin whose template writes the ``code`` field as it is, so
that every outcome can be produced on purpose.
"""

import json
import re
import sys
import textwrap

import jsonschema
import pytest

from scaffold_core import ArtifactRegistry, PluginEntry
from tests.fuzzing import (
    LINE_BREAKS,
    Judge,
    discovered_types,
    draw,
    example_mutations,
    fuzz_type,
    markdown_findings,
    names_a_field,
    python_findings,
    reproducer,
    schema_contexts,
    shrink,
    text_findings,
)

SLICE = 50
SEED = 20260102
SHRINK_SECONDS = 5.0
ARTIFACTS = discovered_types()

PROBE_MODULE = '''
"""A plugin that writes its ``code`` field verbatim, to put the fuzzing judge to the test."""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from scaffold_schemas import BaseContext, BaseRenderContext


class ProbeItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    note: str | None = None


class ProbeContext(BaseContext):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"code": "X = 1", "items": [{"name": "a"}], "tags": ["t"]}]
        }
    )
    default_output_path: ClassVar[str | None] = "probe.py"

    code: str
    items: list[ProbeItem] = []
    tags: list[str] = []

    @model_validator(mode="after")
    def _rules(self) -> "ProbeContext":
        if self.code == "vague":
            raise ValueError("something is off")
        if self.code == "named":
            raise ValueError("code may not be 'named'")
        if self.code == "boom":
            raise RuntimeError("a bug in the plugin")
        return self


class ProbeRenderContext(ProbeContext, BaseRenderContext):
    pass
'''


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    """The probe artifact type and a judge over it."""
    site = tmp_path_factory.mktemp("probe-site")
    package = site / "fuzz_probe_plugin"
    (package / "templates").mkdir(parents=True)
    (package / "__init__.py").write_text(PROBE_MODULE)
    (package / "templates" / "probe.py.jinja2").write_text("{{ code }}\n")
    sys.path.insert(0, str(site))
    try:
        entry = PluginEntry("probe", "fuzz_probe_plugin:ProbeContext", "fuzz-probe", "1.0")
        registry = ArtifactRegistry([entry])
        judge = Judge(tmp_path_factory.mktemp("probe-judge"), registry)
        yield registry.get("probe"), judge
    finally:
        sys.path.remove(str(site))


# --- the proof, a fixed slice -----------------------------------------------------------------


def test_every_installed_type_is_fuzzed():
    assert ARTIFACTS
    assert len(ARTIFACTS) == len(ArtifactRegistry().ids())


@pytest.mark.parametrize("artifact", ARTIFACTS, ids=lambda artifact: artifact.artifact_id)
def test_fixed_slice_keeps_the_promise(artifact, tmp_path):
    judge = Judge(tmp_path)
    report = fuzz_type(judge, artifact, SLICE, seed=SEED)
    failures = []
    for kind, (_source, context, _verdict) in sorted(report.failures.items()):
        smaller, verdict = shrink(judge, artifact, context, kind, seconds=SHRINK_SECONDS)
        failures.append(reproducer(artifact, smaller, verdict, kind))
    assert failures == [], "\n".join(failures)
    assert report.tried == SLICE
    # Without accepted contexts the output checks would prove nothing for this type.
    assert report.counts["valid"] > 0, dict(report.counts)


# --- the judge ----------------------------------------------------------------------------------


def _code(*lines: str) -> dict[str, str]:
    return {"code": "\n".join(lines)}


def test_judge_tells_every_outcome_apart(probe):
    artifact, judge = probe
    shadowing = _code(
        "from datetime import date",
        "",
        "from pydantic import BaseModel, Field",
        "",
        "",
        "class Meeting(BaseModel):",
        "    date: date | None = Field(default=None)",
        "    until: date | None = Field(default=None)",
    )
    user_import = _code(
        "from app.shipping import Carrier",
        "from pydantic import BaseModel",
        "",
        "",
        "class Label(BaseModel):",
        "    carrier: Carrier",
        "    others: list[Carrier]",
    )
    contexts = {
        "valid": _code("X = 1"),
        "stand-in for a user module": user_import,
        "unused import": _code("import os"),
        "unformatted": _code("x = [1,2]"),
        "import fails": shadowing,
        "does not parse": _code("def f(:"),
        "missing field": {},
        "wrong type": {"code": 5},
        "whole-input rule naming the field": {"code": "named"},
        "whole-input rule naming nothing": {"code": "vague"},
        "plugin raises": {"code": "boom"},
    }
    verdicts = dict(zip(contexts, judge.judge(artifact, list(contexts.values())), strict=True))
    outcomes = {name: verdict.outcome for name, verdict in verdicts.items()}
    assert outcomes == {
        "valid": "valid",
        "stand-in for a user module": "valid",
        "unused import": "invalid",
        "unformatted": "invalid",
        "import fails": "invalid",
        "does not parse": "refused",
        "missing field": "rejected",
        "wrong type": "rejected",
        "whole-input rule naming the field": "rejected",
        "whole-input rule naming nothing": "crash",
        "plugin raises": "crash",
    }
    assert verdicts["unused import"].kinds() == {"invalid: ruff F401"}
    assert verdicts["unformatted"].kinds() == {"invalid: ruff format"}
    assert verdicts["import fails"].kinds() == {"invalid: import TypeError"}
    assert verdicts["whole-input rule naming nothing"].kinds() == {
        "crash: user error naming no field"
    }
    assert verdicts["plugin raises"].kinds() == {"crash: RuntimeError"}
    assert verdicts["valid"].content.endswith("\nX = 1\n")


def test_shrink_keeps_the_failure_and_makes_the_context_smaller(probe):
    artifact, judge = probe
    context = {
        "code": "import os\nimport sys\n\nX = 1",
        "items": [{"name": "a", "note": "b"}, {"name": "c"}],
        "tags": ["x", "y"],
    }
    smaller, verdict = shrink(judge, artifact, context, "invalid: ruff F401", seconds=30)
    assert "invalid: ruff F401" in verdict.kinds()
    assert smaller.keys() == {"code"}
    assert len(smaller["code"]) < len(context["code"])
    shown = reproducer(artifact, smaller, verdict, "invalid: ruff F401")
    assert json.dumps(smaller) in shown
    assert "scaffold new probe --context c.json -o out.py" in shown
    assert "F401" in shown.splitlines()[-1]


# --- the strategies -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mutations(probe):
    """800 mutations of the probe's example, always the same ones."""
    artifact, _ = probe
    return draw(example_mutations(artifact), 800, seed=SEED)


@pytest.mark.parametrize("artifact", ARTIFACTS, ids=lambda artifact: artifact.artifact_id)
def test_schema_contexts_are_instances_of_the_schema(artifact):
    schema = artifact.json_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    for context in draw(schema_contexts(artifact), 30, seed=SEED):
        assert [error.message for error in validator.iter_errors(context)] == [], context


@pytest.mark.parametrize(
    ("what", "condition"),
    [
        ("a line break in a nested model", lambda c: any(
            any(b in item.get("name", "") for b in LINE_BREAKS[1:]) for item in c.get("items", [])
        )),
        ("Jinja syntax in a list item", lambda c: any("{{" in tag for tag in c.get("tags", []))),
        ("a keyword", lambda c: c.get("code") in ("class", "match", "case", "type", "_")),
        ("a dunder", lambda c: re.fullmatch(r"__\w+__", c.get("code", ""))),
        ("an ambiguous name", lambda c: c.get("code") in ("l", "I", "O")),
        ("a very long value", lambda c: len(c.get("code", "")) >= 200),
        ("an empty value", lambda c: c.get("code") == ""),
        ("a long list", lambda c: len(c.get("tags", [])) >= 20),
        ("a duplicated item", lambda c: len(c.get("items", [])) >= 2 and (
            c["items"][0] == c["items"][1]
        )),
        ("an optional key dropped", lambda c: "code" in c and "tags" not in c),
        ("an optional key added", lambda c: "note" in str(c.get("items"))),
        ("NUL", lambda c: "\\u0000" in json.dumps(c)),
    ],
)  # fmt: skip
def test_mutations_reach_every_edge(mutations, what, condition):
    assert any(condition(context) for context in mutations), what


# --- the output checks --------------------------------------------------------------------------

GOOD_DOCUMENT = (
    "<!-- scaffold: header -->\n# Title\n\n## Goals\n\n- one\n\n```\n# not a heading\n```\n"
)


def test_a_good_document_has_no_findings():
    assert markdown_findings(GOOD_DOCUMENT, {"title": "Title", "goals": ["one"]}) == []


@pytest.mark.parametrize(
    ("document", "context", "kind"),
    [
        ("# A\n\n# B\n\ntext\n", {}, "markdown title"),
        ("## Goals\n\n# A\n\ntext\n", {}, "markdown title"),
        ("# A\n\n## \n\ntext\n", {}, "markdown empty heading"),
        ("# A\n\n## Goals\n\n## Risks\n\ntext\n", {}, "markdown empty section"),
        ("# A\n\n## Goals\n\n### Evil\n\ntext\n", {"goal": "x\n### Evil"}, (
            "markdown injected heading"
        )),
        ("# A\n\nSome text\n===\n", {"text": "Some text\n==="}, "markdown injected heading"),
        ("# A\n\ntext\r\nmore\n", {}, "text line break other than LF"),
        ("# A\n\ntext\u2028more\n", {}, "text line break other than LF"),
        ("# A\n\ntext \n", {}, "text trailing whitespace"),
        ("# A\n\ntext", {}, "text final newline"),
        ("# A\n\ntext\n\n", {}, "text final newline"),
        ("# A\n\nOwner: None\n", {"owner": None}, "text literal None"),
        ("# A\n\na\x00b\n", {}, "text NUL"),
    ],
)  # fmt: skip
def test_markdown_findings(document, context, kind):
    assert kind in {finding.kind for finding in markdown_findings(document, context)}


def test_a_user_line_equal_to_a_template_heading_is_injected_only_when_repeated():
    escaped = "# A\n\n## Goals\n\n- \\## Goals\n"
    repeated = "# A\n\n## Goals\n\ntext\n\n## Goals\n\nmore\n"
    context = {"goals": ["## Goals"]}
    assert markdown_findings(escaped, context, {"## Goals"}) == []
    kinds = {finding.kind for finding in markdown_findings(repeated, context, {"## Goals"})}
    assert kinds == {"markdown injected heading"}
    assert "markdown injected heading" in {
        finding.kind for finding in markdown_findings(escaped.replace("\\", ""), context, ())
    }


@pytest.mark.parametrize(
    "artifact",
    [artifact for artifact in ARTIFACTS if artifact.extension == "md"],
    ids=lambda artifact: artifact.artifact_id,
)
def test_template_headings_are_what_the_examples_render(artifact, tmp_path):
    headings = Judge(tmp_path).template_headings(artifact)
    titles = {line for line in headings if line.startswith("# ")}
    assert len(titles) == len(artifact.examples()), headings
    assert all(line.startswith("#") for line in headings)


def test_literal_none_is_fine_when_the_input_has_it():
    assert text_findings("Owner: None\n", {"owner": "None"}) == []


def test_python_findings_batch_every_check(tmp_path):
    sources = {
        "good": "X = 1\n",
        "unsorted": "import sys\nimport os\n\nprint(os, sys)\n",
        "private_field": textwrap.dedent(
            """\
            from pydantic import BaseModel, Field


            class Account(BaseModel):
                _secret: str = Field(default="x")
            """
        ),
        "forward_reference": textwrap.dedent(
            """\
            from pydantic import BaseModel


            class Order(BaseModel):
                item: "Missing"  # noqa: F821
            """
        ),
        "null_byte": "X = '\x00'\n",
        "duplicate_argument": "def f(a, a):\n    return a\n",
    }
    found = python_findings(sources, tmp_path)
    kinds = {name: {finding.kind for finding in findings} for name, findings in found.items()}
    assert kinds == {
        "good": set(),
        "unsorted": {"ruff I001"},
        "private_field": {"import PydanticUserError"},
        "forward_reference": {"import PydanticUndefinedAnnotation"},
        "null_byte": {"compile"},
        "duplicate_argument": {"compile"},
    }


@pytest.mark.parametrize(
    ("location", "message", "named"),
    [
        ("fields.0.name", "not an identifier", True),
        ("colour", "unknown field", True),
        ("(whole input)", "source_file and test_file are the same file", True),
        ("(whole input)", "setting 'date' has the name of a type", True),
        ("(whole input)", "names must be unique; repeated: date", False),
        ("(whole input)", "something is off", False),
    ],
)
def test_names_a_field(location, message, named):
    context = {"fields": [{"name": "date"}], "source_file": "a.py", "test_file": "a.py"}
    fields = {"fields", "source_file", "test_file"}
    assert names_a_field(location, message, context, fields) is named


def test_the_other_files_of_a_multi_file_artifact_are_judged_by_their_format(tmp_path):
    registry = ArtifactRegistry([PluginEntry("bundle", "bundle:BundleContext", "fixtures", "1")])
    judge = Judge(tmp_path, registry)
    artifact = registry.get("bundle")
    verdict = judge.judge(artifact, [{"name": "billing", "summary": "Invoices."}])[0]
    assert verdict.outcome == "valid", verdict.findings
    assert [(template, extension) for template, extension, _ in verdict.companions] == [
        ("bundle/README.md.jinja2", "md"),
        ("bundle/pyproject.toml.jinja2", "toml"),
        ("bundle/module.py.jinja2", "py"),
        ("bundle/settings.json.jinja2", "json"),
    ]
    companions = {
        0: [
            ("pkg/mod.py.jinja2", "py", "import os\n"),
            ("pkg/README.md.jinja2", "md", "no title\n"),
            ("pkg/data.toml.jinja2", "toml", "a = 1  \n"),
        ]
    }
    found = judge.companion_findings(artifact, [{}], companions)
    assert {finding.kind for finding in found[0]} == {
        "pkg/mod.py.jinja2: ruff F401",
        "pkg/README.md.jinja2: markdown title",
        "pkg/data.toml.jinja2: text trailing whitespace",
    }
