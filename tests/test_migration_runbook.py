"""docs/migration.md's "Migrating a legacy template, step by step", followed as written.

A legacy release-note template is turned into a v2 plugin with the commands the runbook
names, run as a user runs them (the ``scaffold`` command in a subprocess), and each step's
promise is checked: introspection, a Context without defaults, parity, the contract.
"""

import json
import textwrap

import pytest

from tests.installed import run, write_distribution

pytestmark = pytest.mark.slow

LEGACY_TEMPLATE = """\
# {{ title | default('Untitled') }}

{{ summary | default('') }}
{% if highlights is defined and highlights %}

## Highlights

{% for item in highlights %}
- {{ item }}
{% endfor %}
{% endif %}
"""

EMPTY_CLASSES = '''\
"""Artifact type ``release_note``: what changed in a release."""

from scaffold_schemas import BaseContext, BaseRenderContext


class ReleaseNoteContext(BaseContext):
    """What a user provides to scaffold a release note."""


class ReleaseNoteRenderContext(ReleaseNoteContext, BaseRenderContext):
    """What the release_note template receives."""
'''

TYPED_CONTEXT = '''\
"""Artifact type ``release_note``: what changed in a release."""

from pydantic import ConfigDict, Field

from scaffold_schemas import BaseContext, BaseRenderContext, SingleLineText, Text


class ReleaseNoteContext(BaseContext):
    """What a user provides to scaffold a release note."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"title": "Release 2.4", "summary": "Faster imports."},
                {"title": "Release 2.5", "summary": "New CLI.", "highlights": ["scaffold vars"]},
                {"title": "Hotfix 2.5.1", "summary": "Fixes the header.", "highlights": []},
            ]
        }
    )

    default_output_path = "notes/{title:kebab}.md"

    title: SingleLineText = Field(description="The release's name, the first heading.")
    summary: Text = Field(description="What the release is about.")
    highlights: list[SingleLineText] = Field(
        default_factory=list, description="The changes worth a bullet point."
    )


class ReleaseNoteRenderContext(ReleaseNoteContext, BaseRenderContext):
    """What the release_note template receives."""
'''

V2_TEMPLATE = """\
# {{ title }}

{{ summary }}
{% if highlights %}

## Highlights

{% for item in highlights %}
- {{ item }}
{% endfor %}
{% endif %}
"""

CASES = """\
cases:
  - name: with-highlights
    expect: EQUIVALENT
    context: {title: Release 3.0, summary: Big one., highlights: [Parity, Speed]}
  - name: no-highlights
    expect: EQUIVALENT
    context: {title: Release 3.1, summary: Small one.}
  - name: missing-title
    expect: IMPROVEMENT
    context: {summary: Nobody named it.}
"""


def test_runbook_followed_as_written(tmp_path):
    site = tmp_path / "site"
    package = site / "release_notes"
    templates = package / "templates"
    templates.mkdir(parents=True)
    project = tmp_path / "project"
    project.mkdir()

    # 1. Make it a plugin: empty classes, the legacy template twice, the entry point.
    (package / "__init__.py").write_text(EMPTY_CLASSES)
    (templates / "release_note.v1.md.jinja2").write_text(LEGACY_TEMPLATE)
    (templates / "release_note.md.jinja2").write_text(LEGACY_TEMPLATE)
    write_distribution(
        site,
        "acme-release-notes",
        "0.1",
        {"scaffold.artifacts": {"release_note": "release_notes:ReleaseNoteContext"}},
    )

    def scaffold(*args: str) -> str:
        result = run(*args, cwd=project, site=site)
        assert result.returncode == 0, f"scaffold {args}: {result.stdout}{result.stderr}"
        return result.stdout

    # 2. Introspect: every read is defended, but ``summary | default('')`` is never tested,
    # so without it the note has a hole: required. The title has a real default: optional.
    legacy = json.loads(scaffold("vars", "release_note", "--pipeline", "v1", "--json"))
    assert legacy["required"] == ["summary"]
    assert legacy["optional"] == ["highlights", "title"]

    # 3. Write the Context: one typed field per variable; title and summary are required.
    (package / "__init__.py").write_text(TYPED_CONTEXT)

    # 4. Drop the defaults from the v2 template; vars and stats must agree.
    (templates / "release_note.md.jinja2").write_text(V2_TEMPLATE)
    typed = json.loads(scaffold("vars", "release_note", "--pipeline", "v2", "--json"))
    assert sorted(typed["required"] + typed["optional"]) == ["highlights", "summary", "title"]
    stats = json.loads(scaffold("templates", "--stats", "--json"))
    (v2,) = [r for r in stats if r["id"] == "release_note" and r["pipeline"] == "v2"]
    (v1,) = [r for r in stats if r["id"] == "release_note" and r["pipeline"] == "v1"]
    assert v2["default_filters"] == 0
    assert v1["default_filters"] == 2

    # 5. Prove parity with real inputs shipped beside the module.
    (package / "parity").mkdir()
    (package / "parity" / "release_note.yaml").write_text(CASES)
    report = scaffold("parity", "release_note")
    assert "release_note: 6 cases: 5 EQUIVALENT, 1 IMPROVEMENT" in report
    assert report.endswith("parity holds\n")

    # 6. Check the contract, then scaffold for real through v2.
    assert scaffold("validate-architecture", "release_note").endswith("passed\n")
    assert scaffold("new", "release_note", "-s", "title=Release 3.2", "-s", "summary=Done.") == (
        "notes/release-3-2.md\n"
    )
    written = (project / "notes" / "release-3-2.md").read_text()
    assert (
        written.splitlines()[1:]
        == textwrap.dedent(
            """\
        # Release 3.2

        Done.
        """
        ).splitlines()
    )
