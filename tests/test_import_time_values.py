"""A known constructor called with literal arguments that raise is refused, not generated.

The user's defaults, parametrize cases and constants are evaluated when the generated module
is imported; ``Decimal("-  1")`` there gave a module that does not import. Every installed
type whose examples put a value expression in the module is covered (the sites are found
through the type's ``module_outline()``, never listed by hand).
"""

import copy
import json
from contextlib import chdir
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold_core.cli import main
from scaffold_core.discover import ArtifactType
from scaffold_core.errors import InvalidInput
from scaffold_core.validate import validate_context
from scaffold_schemas import PythonModuleContext
from scaffold_schemas.python_names import failing_known_calls
from tests.fuzzing import discovered_types

Loc = tuple[str | int, ...]
REPRODUCER = {
    "module_under_test": "d",
    "test_class_name": "TestO",
    "test_methods": [
        {
            "name": "r",
            "parametrize": {
                "argnames": ["t", "a"],
                "cases": [['Decimal("-  1")', "False"], ['Decimal("0.01")', "True"]],
            },
        }
    ],
}
# Calls that raise whatever the module around them: (source, the exception's name).
FAILING_CALLS = [
    ('Decimal("-  1")', "InvalidOperation"),
    ('Decimal("1,5")', "InvalidOperation"),
    ("date(2026, 13, 1)", "ValueError"),
    ("date(2026, 2, 30)", "ValueError"),
    ("datetime(2026, 1, 1, 24)", "ValueError"),
    ("time(25)", "ValueError"),
    ("timedelta(days=1000000000)", "OverflowError"),
    ('UUID("not-a-uuid")', "ValueError"),
    ("Path(1)", "TypeError"),
]


def _set(data: Any, loc: Loc, value: str) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def _accepts(artifact: ArtifactType, data: dict[str, Any]) -> bool:
    try:
        validate_context(artifact, data)
    except InvalidInput:
        return False
    return True


def _value_sites(artifact: ArtifactType, example: dict[str, Any]) -> list[Loc]:
    """Input locations of the values the module evaluates that take a known call."""
    model = validate_context(artifact, example)
    if not isinstance(model, PythonModuleContext):
        return []
    outline = model.module_outline()
    in_classes = [e for outline_class in outline.classes for e in outline_class.expressions]
    sites = []
    for expression in [*outline.expressions, *in_classes]:
        if expression.annotation or expression.generated:
            continue
        valid = copy.deepcopy(example)
        _set(valid, expression.loc, 'Decimal("0.01")')
        if _accepts(artifact, valid):
            sites.append(expression.loc)
    return sites


SITES = [
    (artifact, example, loc)
    for artifact in discovered_types()
    for example in artifact.examples()
    for loc in _value_sites(artifact, example)
]


def test_the_sites_cover_defaults_cases_and_constants():
    covered = {artifact.artifact_id for artifact, _, _ in SITES}
    assert {"dto", "unit_test", "generic"} <= covered, covered


@st.composite
def failing_values(draw: st.DrawFn) -> tuple[str, str]:
    """A value holding one failing call, maybe nested: (value, the call's exception)."""
    call, error = draw(st.sampled_from(FAILING_CALLS))
    wrap = draw(st.sampled_from(["{}", "[{}]", "(1, {})", '{{"k": {}}}', "[(0, [{}])]"]))
    return wrap.format(call), error


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(site=st.sampled_from(SITES), failing=failing_values())
def test_a_failing_known_call_is_refused_and_nothing_written(
    site: tuple[ArtifactType, dict[str, Any], Loc],
    failing: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    artifact, example, loc = site
    value, error = failing
    data = copy.deepcopy(example)
    _set(data, loc, value)
    folder = tmp_path_factory.mktemp("out")
    (folder / "c.json").write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    with chdir(folder):
        code = main(["new", artifact.artifact_id, "--context", "c.json", "-o", "out.py"])
    stderr = capsys.readouterr().err
    assert code == 2, stderr
    assert not (folder / "out.py").exists()
    where = ".".join(map(str, loc))
    assert f"{where}: " in stderr
    assert f"raises {error}" in stderr
    assert "when the module is imported" in stderr
    assert "Traceback" not in stderr


def test_the_fuzzer_reproducer_is_refused(project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "c.json").write_text(json.dumps(REPRODUCER), encoding="utf-8")
    code = main(["new", "unit_test", "--context", "c.json", "-o", "out.py"])
    assert code == 2
    assert not (project / "out.py").exists()


def test_the_reproducer_message_names_the_case_the_call_and_the_error(
    project, monkeypatch, capsys
):
    monkeypatch.chdir(project)
    (project / "c.json").write_text(json.dumps(REPRODUCER), encoding="utf-8")
    main(["new", "unit_test", "--context", "c.json", "-o", "out.py"])
    stderr = capsys.readouterr().err
    assert "(1 problem)" in stderr
    assert (
        "test_methods.0.parametrize.cases.0.0: Decimal('-  1') raises InvalidOperation when"
        " the module is imported: give a valid decimal string" in stderr
    )


@pytest.mark.parametrize(
    "value",
    [
        'Decimal("0.01")',
        "date(2026, 3, 4)",
        "Decimal(amount)",  # not a literal: left as before
        'Decimal(*["x"])',
        'make_decimal("x")',  # not a known constructor
        'decimal.Decimal("x")',  # attribute access: never called
    ],
)
def test_what_is_not_a_failing_known_call_is_left_alone(value):
    assert failing_known_calls(value) == []


def test_a_name_the_module_binds_otherwise_is_not_the_standard_one():
    assert failing_known_calls('Decimal("x")', bound={"Decimal"}) == []
    assert failing_known_calls('[Decimal("x"), date(2026, 0, 1)]', bound={"Decimal"}) == [
        (
            "date(2026, 0, 1) raises ValueError (month must be in 1..12) when the module is"
            " imported: give a real date, e.g. date(2026, 3, 4)"
        )
    ]


def test_a_known_call_inside_another_expression_is_evaluated():
    assert failing_known_calls('Decimal("x").quantize(Decimal("1"))') != []
    assert failing_known_calls('{"a": (1, [UUID("nope")])}') != []


def test_a_user_import_of_the_same_name_is_not_evaluated(project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "c.json").write_text(
        json.dumps({**REPRODUCER, "imports": ["app.money.Decimal"]}), encoding="utf-8"
    )
    code = main(["new", "unit_test", "--context", "c.json", "-o", "out.py", "--dry-run"])
    assert code == 0


def test_an_import_of_the_standard_path_is_still_the_standard_name(project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "c.json").write_text(
        json.dumps({**REPRODUCER, "imports": ["decimal.Decimal"]}), encoding="utf-8"
    )
    assert main(["new", "unit_test", "--context", "c.json", "-o", "out.py"]) == 2
    assert not (project / "out.py").exists()
