"""Artifacts that fit together: a test scaffolded ``--for`` an artifact, pytest run on it.

dto → service (which uses the dto) → worker → ``unit_test --for`` and ``integration_test
--for`` them, then pytest on the project: every planned test is collected and fails with
``NotImplementedError`` or is skipped, never an import or collection error, never exit 5.
Also the recipe ``for:``, each refusal, the source-root rule, and a property over every
installed pytest-module type: an empty plan still gives pytest a test to collect.
"""

import ast
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold_core import ArtifactManager, ArtifactRegistry, ArtifactType, PluginHooks
from scaffold_core.cli import main
from scaffold_core.enrich.subject import module_path, source_subject, subject_input
from scaffold_core.errors import BadOption, InvalidInput, RecipeFailed
from scaffold_core.recipes import RecipeStep, apply_recipe, load_recipe
from scaffold_schemas import ClassUnderTest, ModuleUnderTest, PytestModuleContext
from tests.conftest import FIXED_TIME
from tests.fuzzing import discovered_types, draw_contexts
from tests.installed import run

PYPROJECT = """\
[project]
name = "shop"
version = "0.1.0"

[tool.pytest.ini_options]
pythonpath = ["src"]
"""
WORKER = "src/shop/workers/refund_worker.py"
SERVICE = "src/services/refund_service.py"
DTO = "src/dtos/refund.py"

REGISTRY = ArtifactRegistry()
PYTEST_MODULE_TYPES = [
    artifact
    for artifact in discovered_types(REGISTRY)
    if isinstance(artifact.context_class, type)
    and issubclass(artifact.context_class, PytestModuleContext)
]


@pytest.fixture
def shop(project: Path) -> Path:
    """A src-layout project holding a dto, a service that uses it and a worker, recorded."""
    (project / "pyproject.toml").write_text(PYPROJECT)
    for args in (
        ["dto", "-s", "name=Refund", "-s", 'fields=[{"name": "amount_cents", "type": "int"}]'],
        [
            "service",
            "-s",
            "name=RefundService",
            "-s",
            'imports=["dtos.refund.Refund"]',
            "-s",
            (
                'operations=[{"name": "issue", "params": [{"name": "refund", "type": "Refund"}]},'
                ' {"name": "find", "returns": "Refund | None", "is_async": true}]'
            ),
        ],
        ["worker", "-s", "name=RefundWorker", "-s", "layer=shop", "-s", 'capabilities=["pay"]'],
    ):
        result = run("new", *args, cwd=project)
        assert result.returncode == 0, result.stderr
    return project


def _pytest(project: Path) -> subprocess.CompletedProcess[str]:
    """pytest on ``project`` as its own configuration runs it (src on the path)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["COLUMNS"] = "400"  # summary lines in full: the reason of each failure and skip
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "-q"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _outcomes(output: str) -> dict[str, list[str]]:
    """The short test summary: each outcome (FAILED, SKIPPED, ERROR...) with its lines."""
    found: dict[str, list[str]] = {}
    for line in output.splitlines():
        word = line.split(" ", 1)[0]
        if word in {"PASSED", "FAILED", "SKIPPED", "ERROR", "XFAIL", "XPASS"}:
            found.setdefault(word, []).append(line)
    return found


def test_dto_service_worker_and_their_tests_fit_together(shop):
    for args in (
        ["unit_test", "--for", WORKER],
        ["unit_test", "--for", SERVICE],
        ["unit_test", "--for", DTO],
        ["integration_test", "--for", WORKER],
    ):
        result = run("new", *args, cwd=shop)
        assert result.returncode == 0, result.stderr
    unit = (shop / "tests/unit/test_refund_worker.py").read_text()
    assert "from shop.workers.refund_worker import RefundWorker" in unit
    assert "def test_run(self) -> None:" in unit
    assert "def test_pay(self) -> None:" in unit
    service = (shop / "tests/unit/test_refund_service.py").read_text()
    assert "from services.refund_service import RefundService" in service
    assert "def test_issue(self)" in service
    assert "def test_find(self)" in service
    integration = (shop / "tests/integration/test_refund_worker_integration.py").read_text()
    assert "def refund_worker() -> RefundWorker:" in integration

    ran = _pytest(shop)

    outcomes = _outcomes(ran.stdout)
    assert ran.returncode == 1, ran.stdout + ran.stderr  # tests failed; 5 would be none
    assert set(outcomes) == {"FAILED", "SKIPPED"}, ran.stdout
    failed = sorted(line.split(" ")[1] for line in outcomes["FAILED"])
    assert failed == [
        "tests/integration/test_refund_worker_integration.py::TestRefundWorker::test_pay",
        "tests/integration/test_refund_worker_integration.py::TestRefundWorker::test_run",
        "tests/unit/test_refund_service.py::TestRefundService::test_find",
        "tests/unit/test_refund_service.py::TestRefundService::test_issue",
        "tests/unit/test_refund_worker.py::TestRefundWorker::test_pay",
        "tests/unit/test_refund_worker.py::TestRefundWorker::test_run",
    ]
    assert all(line.endswith(" - NotImplementedError") for line in outcomes["FAILED"]), ran.stdout
    [skipped] = outcomes["SKIPPED"]
    assert skipped.startswith("SKIPPED [1] tests/unit/test_refund.py:")
    assert skipped.endswith(": no test planned yet: write the tests of Refund")


def test_given_fields_win_over_the_derived_ones(shop):
    result = run(
        "new",
        "unit_test",
        "--for",
        WORKER,
        "-s",
        "test_class_name=TestPayout",
        "-s",
        'test_methods=[{"name": "pays_once"}]',
        cwd=shop,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "tests/unit/test_payout.py\n"
    written = (shop / "tests/unit/test_payout.py").read_text()
    assert "from shop.workers.refund_worker import RefundWorker" in written
    assert "class TestPayout:" in written
    assert re.findall(r"def (test_\w+)", written) == ["test_pays_once"]
    record = json.loads((shop / ".scaffold/records/tests/unit/test_payout.py.json").read_text())
    assert record["context"]["module_under_test"] == "shop.workers.refund_worker"


def test_the_module_as_it_is_now_is_read(shop):
    worker = shop / WORKER
    worker.write_text(worker.read_text() + "\n\ndef refund_all() -> None:\n    pass\n")
    result = run("new", "unit_test", "--for", WORKER, "--dry-run", cwd=shop)
    assert result.returncode == 0, result.stderr
    assert "    def test_refund_all(self) -> None:" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["unit_test", "--for", "src/plain.py"], "scaffold has no record of it"),
        (["unit_test", "--for", "docs/design/refunds.md"], "is not a Python module"),
        (["unit_test", "--for", "../elsewhere.py"], "is outside the project"),
        (["unit_test", "--for", "src/shop/gone.py"], "no such file in the project"),
        (["unit_test", "--for", "src/my-app/thing.py"], "'my-app' is no Python name"),
        (
            ["dto", "-s", "name=Payout", "--for", WORKER],
            "'dto' is not filled that way (the types that are: integration_test, unit_test)",
        ),
        (["--recipe", "recipe.yaml", "--for", WORKER], "--recipe takes every artifact"),
    ],
)
def test_for_refusals_exit_2_with_the_reason_and_write_nothing(shop, capsys, arguments, message):
    (shop / "src/plain.py").write_text("X = 1\n")
    (shop / "src/my-app").mkdir()
    (shop / "src/my-app/thing.py").write_text("X = 1\n")
    (shop / "recipe.yaml").write_text("artifacts: [{type: dto, context: {name: A}}]\n")
    before = sorted(path for path in shop.rglob("*"))
    assert main(["new", *arguments, "-C", str(shop)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert sorted(path for path in shop.rglob("*")) == before


def test_a_recorded_module_that_no_longer_parses_is_refused(shop, capsys):
    worker = shop / WORKER
    worker.write_text(worker.read_text() + "def (\n")
    assert main(["new", "unit_test", "--for", WORKER, "-C", str(shop)]) == 2
    error = capsys.readouterr().err
    assert f"--for {WORKER}: does not parse as Python (line " in error
    assert not (shop / "tests").exists()


@pytest.mark.parametrize(
    ("record", "message"),
    [("{", "cannot be read: Expecting property name"), ("[]", "cannot be read: ")],
)
def test_an_unreadable_record_is_refused(shop, capsys, record, message):
    (shop / f".scaffold/records/{WORKER}.json").write_text(record)
    assert main(["new", "unit_test", "--for", WORKER, "-C", str(shop)]) == 2
    assert message in capsys.readouterr().err
    assert not (shop / "tests").exists()


def test_a_type_not_filled_from_a_module_is_refused_from_python_too():
    with pytest.raises(BadOption, match="'dto' is not filled from a module under test"):
        subject_input(REGISTRY.get("dto"), ModuleUnderTest("shop.refund"))


def test_a_file_written_without_a_record_is_refused_with_how_to_get_one(shop, capsys):
    root = ["-C", str(shop)]
    assert (
        main(["new", "worker", "-s", "name=Payer", "-s", "layer=shop", "--no-record", *root]) == 0
    )
    capsys.readouterr()
    assert main(["new", "unit_test", "--for", "src/shop/workers/payer.py", *root]) == 2
    error = capsys.readouterr().err
    assert "(.scaffold/records/src/shop/workers/payer.py.json)" in error
    assert "written by 'scaffold new' with records on (not --no-record" in error


@pytest.fixture
def shop_manager(project: Path) -> ArtifactManager:
    (project / "pyproject.toml").write_text(PYPROJECT)
    return ArtifactManager(project, hooks=PluginHooks([]), clock=lambda: FIXED_TIME)


def test_a_recipe_step_is_filled_from_an_earlier_step(shop_manager):
    steps = [
        RecipeStep("worker", {"name": "RefundWorker", "layer": "shop", "capabilities": ["pay"]}),
        RecipeStep("unit_test", {}, subject=WORKER),
        RecipeStep("integration_test", {"test_scenario": "Paying refunds"}, subject=WORKER),
    ]
    results = apply_recipe(shop_manager, steps)
    assert [result.output_path for result in results] == [
        WORKER,
        "tests/unit/test_refund_worker.py",
        "tests/integration/test_paying_refunds.py",
    ]
    for result in results[1:]:
        assert "from shop.workers.refund_worker import RefundWorker" in result.content
        assert "    def test_pay(self) -> None:" in result.content
    ran = _pytest(shop_manager.project_root)
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert set(_outcomes(ran.stdout)) == {"FAILED"}


def test_a_recipe_for_that_names_no_earlier_step_is_listed_with_the_other_failures(
    shop_manager,
):
    steps = [
        RecipeStep("unit_test", {}, subject=WORKER),  # the worker comes after it
        RecipeStep("worker", {"name": "RefundWorker", "layer": "shop"}),
        RecipeStep("dto", {"name": "Refund"}, subject=WORKER),
        RecipeStep("dto", {"name": "bad name"}),
    ]
    with pytest.raises(RecipeFailed) as failed:
        apply_recipe(shop_manager, steps)
    assert failed.value.exit_code == 2
    message = str(failed.value)
    assert "(4 failures)" not in message
    assert "(3 failures)" in message
    assert f"artifact 1 (unit_test): for: '{WORKER}' names no earlier artifact" in message
    assert "artifact 3 (dto): for fills a test from the module it tests" in message
    assert "artifact 4 (dto): invalid input" in message
    assert not (shop_manager.project_root / "src").exists()


def test_a_recipe_for_must_be_a_path(tmp_path):
    recipe = tmp_path / "recipe.json"
    recipe.write_text(json.dumps({"artifacts": [{"type": "unit_test", "for": 3}]}))
    with pytest.raises(InvalidInput) as invalid:
        load_recipe(str(recipe), io.StringIO())
    assert "artifacts.0.for: the output path of an earlier step (given: 3)" in str(invalid.value)


@pytest.mark.parametrize(
    ("output_path", "module"),
    [
        ("src/shop/refund_worker.py", "shop.refund_worker"),
        ("app/models/order.py", "app.models.order"),
        ("src/shop/__init__.py", "shop"),
        ("refund.py", "refund"),
        ("src.py", "src"),
    ],
)
def test_the_import_path_is_the_path_from_src_or_else_from_the_root(output_path, module):
    assert module_path(output_path) == module


def test_public_classes_methods_and_functions_are_found_in_source_order():
    source = """\
import dataclasses

class _Hidden:
    def run(self): ...

class Order:
    total: int
    def __init__(self): ...
    def _check(self): ...
    @property
    def label(self): ...
    @label.setter
    def label(self, value): ...
    async def shipHTTP(self): ...

class Invoice:
    def run(self): ...

def make_order(): ...
def _helper(): ...
"""
    subject = source_subject("src/shop/orders.py", source)
    assert subject == ModuleUnderTest(
        "shop.orders",
        (ClassUnderTest("Order", ("label", "shipHTTP")), ClassUnderTest("Invoice", ("run",))),
        ("make_order",),
    )
    assert subject.test_class_name == "TestOrders"
    assert [test["name"] for test in subject.planned_tests()] == [
        "order_label",
        "order_ship_http",
        "invoice_run",
        "make_order",
    ]


def _collected_tests(source: str) -> list[str]:
    """The tests pytest collects from ``source``: ``test*`` functions and their methods in
    ``Test*`` classes."""
    tree = ast.parse(source)
    found = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            found += [
                f"{node.name}.{member.name}"
                for member in node.body
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
    return [name for name in found if name.rpartition(".")[2].startswith("test")]


@pytest.mark.parametrize(
    "artifact", PYTEST_MODULE_TYPES, ids=[a.artifact_id for a in PYTEST_MODULE_TYPES]
)
def test_an_empty_plan_still_gives_pytest_a_test(artifact: ArtifactType, tmp_path):
    # The fuzz strategies' inputs (drawn by Hypothesis, a fixed slice as in test_fuzz), the
    # valid ones with their planned tests taken away: the module still holds a test.
    manager = ArtifactManager(tmp_path, registry=REGISTRY, hooks=PluginHooks([]))
    checked = 0
    for _, drawn in draw_contexts(artifact, 60, seed=4):
        try:
            validated = artifact.adapter.validate_python(drawn)
        except ValueError:
            continue  # an invalid input: the fuzz tests judge those
        planned_at = validated.pytest_module().tests_at
        empty = {**drawn, str(planned_at[0]): []}
        rendering = manager.render(artifact.artifact_id, empty, output_path="test_out.py")
        assert rendering.problems == ()
        test_class = validated.pytest_module().test_class.name
        assert _collected_tests(rendering.content) == [f"{test_class}.test_placeholder"]
        assert "        pytest.skip(" in rendering.content
        checked += 1
    assert checked >= 5


def test_every_bundled_test_type_is_checked_by_the_property():
    assert {"unit_test", "integration_test"} <= {a.artifact_id for a in PYTEST_MODULE_TYPES}
