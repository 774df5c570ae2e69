"""Regression inputs: contexts that once broke the promise, run through the real command.

Each ``tests/cases/<name>.json`` is a context, ``tests/cases/index.json`` says for which type,
where it came from (``shared/cases/``, the fuzzer or issue 9) and what is acceptable:

- ``valid or rejected``: exit 0 with valid output (the fuzzing harness's checks), or exit 2
  naming the offending field;
- ``rejected``: only exit 2 naming the offending field (the output could look valid and
  still be wrong, e.g. a private name that silently stops being a pydantic field).

Exit 2 means: no traceback, nothing written, every problem names a field, and one of them
the offending one (its location under one of ``fields``, or a whole-input message quoting
``value``). Whatever the command accepts, the exported JSON Schema accepts too; a case with
``schema_rejects`` is rejected by the schema at each of those locations as well (the values
whose rule JSON Schema can state: a name pattern, a single line; not "a Python type").
"""

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from scaffold_core import ArtifactRegistry
from tests.fuzzing import WHOLE_INPUT, Judge, names_a_field
from tests.installed import run

CASES_DIR = Path(__file__).parent / "cases"
INDEX: dict[str, dict] = json.loads((CASES_DIR / "index.json").read_text(encoding="utf-8"))
REGISTRY = ArtifactRegistry()
PROBLEM_LINE = re.compile(r"^  - (.+?): (.*)$", re.MULTILINE)


def under(location: str, prefix: str) -> bool:
    return location == prefix or location.startswith(f"{prefix}.")


def names_offending_field(location: str, message: str, case: dict) -> bool:
    if location == WHOLE_INPUT:
        return f"'{case['value']}'" in message or f'"{case["value"]}"' in message
    return any(under(location, prefix) for prefix in case["fields"])


def test_every_case_file_is_indexed():
    files = {path.stem for path in CASES_DIR.glob("*.json")} - {"index"}
    assert files == set(INDEX)


@pytest.mark.parametrize("name", sorted(INDEX))
def test_case_gives_valid_output_or_names_the_field(name, tmp_path):
    case = INDEX[name]
    artifact = REGISTRY.get(case["type"])
    context = json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "0.1.0"\n')
    shutil.copy(CASES_DIR / f"{name}.json", project / "context.json")
    output = ["-o", case["output"]] if case["output"] else []
    result = run("new", case["type"], "--context", "context.json", *output, cwd=project)

    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 2), result.stderr
    schema_errors = list(
        jsonschema.validators.validator_for(artifact.json_schema())(
            artifact.json_schema()
        ).iter_errors(context)
    )
    if result.returncode == 0:
        assert case["expect"] == "valid or rejected", (
            f"accepted, but only a rejection naming {case['fields']} is right: {case['was']}"
        )
        content = (
            (project / case["output"]).read_text(encoding="utf-8")
            if case["output"]
            else result.stdout
        )
        judge = Judge(tmp_path / "checks", REGISTRY)
        findings = [str(f) for f in judge.output_findings(artifact, [context], {0: content})[0]]
        assert findings == [], "accepted, but the output is wrong:\n" + "\n".join(findings)
        assert [error.message for error in schema_errors] == [], "the schema is stricter"
    else:
        problems = PROBLEM_LINE.findall(result.stderr)
        assert problems, result.stderr
        fields = set(artifact.field_types())
        assert [
            f"{location}: {message}"
            for location, message in problems
            if not names_a_field(location, message, context, fields)
        ] == []
        assert any(names_offending_field(*problem, case) for problem in problems), (
            f"no problem names {case['fields']}: {result.stderr}"
        )
        assert sorted(path.name for path in project.iterdir()) == [
            "context.json",
            "pyproject.toml",
        ]
    rejected_at = {".".join(str(part) for part in error.absolute_path) for error in schema_errors}
    missing = [loc for loc in case.get("schema_rejects", []) if loc not in rejected_at]
    assert missing == [], f"the exported JSON Schema accepts the value at {missing}"
