"""The class-with-methods types (worker, service, adapter, interface, resource) at their edges.

Each input is judged as the fuzzing proof judges it (``tests.fuzzing.Judge``): accepted, the
module must parse, be ruff-clean and ruff-format stable, and import; refused, the first
problem must be at the field named here. The inputs are the names these templates generate
themselves, dunders, names the class body evaluates, forward references and long values.
"""

from typing import Any

import pytest

from tests.fuzzing import Judge, discovered_types

ARTIFACTS = {artifact.artifact_id: artifact for artifact in discovered_types()}
VALID = "valid"

PAYMENTS = {
    "name": "Payment",
    "client_type": "StripeClient",
    "client_import": "stripe.StripeClient",
}
CATALOG = {"name": "Catalog", "item_type": "int"}
# Around the line length, where ruff puts an await's operand or an assignment's value in
# parentheses, and beyond it, where it gives up.
LONG_NAMES = [f"s{'_' * length}" for length in (33, 34, 68, 69, 70, 90)]


def query(name: str, **parameters: str) -> dict[str, Any]:
    """A resource query returning ``int`` with the given ``name=type`` parameters."""
    typed = [{"name": key, "type": value} for key, value in parameters.items()]
    return {"name": name, "parameters": typed, "returns": "int"}


CASES: list[tuple[str, dict[str, Any], str]] = [
    # worker: run, name, layer, __init__ and _logger are the template's
    (
        "worker",
        {"name": "OrderWorker", "layer": "core", "capabilities": ["__init__", "reserve_stock"]},
        "capabilities.0",
    ),
    ("worker", {"name": "W", "layer": "core", "capabilities": ["a", "_logger"]}, "capabilities.1"),
    ("worker", {"name": "Logger", "layer": "core"}, "name"),
    (
        "worker",
        {
            "name": "W",
            "layer": "core",
            "capabilities": ["_reload", "__call__", "__new__", "print"],
        },
        VALID,
    ),
    ("worker", {"name": "W" + "x" * 90, "layer": "l" + "y" * 90}, VALID),
    (
        "worker",
        {"name": "W", "layer": "x", "use_async": True, "capabilities": LONG_NAMES},
        VALID,
    ),
    # service: __init__ takes the dependencies after self, keeps each as _<name>
    ("service", {"name": "S", "operations": [{"name": "__init__"}]}, VALID),
    (
        "service",
        {"name": "S", "dependencies": [{"name": name, "type": "int"} for name in LONG_NAMES]},
        VALID,
    ),
    (
        "service",
        {"name": "S", "dependencies": [{"name": "self", "type": "int"}]},
        "dependencies.0.name",
    ),
    (
        "service",
        {
            "name": "S",
            "dependencies": [{"name": "repo", "type": "int"}],
            "operations": [{"name": "_repo"}],
        },
        "operations.0.name",
    ),
    (
        "service",
        {
            "name": "S",
            "dependencies": [{"name": "date", "type": "date"}, {"name": "until", "type": "date"}],
        },
        VALID,
    ),
    ("service", {"name": "S", "operations": [{"name": "copy", "returns": "'S'"}]}, VALID),
    (
        "service",
        {"name": "S", "operations": [{"name": "f", "returns": "S"}]},
        "operations.0.returns",
    ),
    # adapter: the interface is the class's base, evaluated before the class exists
    ("adapter", {**PAYMENTS, "interface": "PaymentAdapter"}, "interface"),
    ("adapter", {**PAYMENTS, "interface": "Port", "imports": ["app.Port"]}, VALID),
    ("adapter", {**PAYMENTS, "methods": [{"name": "_client"}]}, "methods.0.name"),
    ("adapter", {**PAYMENTS, "client_type": "'StripeClient'"}, VALID),
    # interface: a Protocol; __init__ is no part of it
    ("interface", {"name": "Protocol", "methods": [{"name": "close"}]}, "name"),
    ("interface", {"name": "P", "methods": [{"name": "l"}]}, "methods.0.name"),
    ("interface", {"name": "P", "methods": [{"name": "__slots__"}]}, "methods.0.name"),
    ("interface", {"name": "P", "methods": [{"name": "x", "returns": "'P | None'"}]}, VALID),
    (
        "interface",
        {"name": "P", "methods": [{"name": "x", "returns": "'P' | None"}]},
        "methods.0.returns",
    ),
    # resource: get/all always, _items/_load when cached; get adds '| None' to item_type
    ("resource", {**CATALOG, "key_name": "self"}, "key_name"),
    ("resource", {**CATALOG, "item_type": "'Country'", "imports": ["app.Country"]}, "item_type"),
    ("resource", {**CATALOG, "item_type": "print"}, "item_type"),
    ("resource", {**CATALOG, "cached": True, "queries": [query("dict")]}, "queries.0.name"),
    ("resource", {**CATALOG, "queries": [query("_load")]}, VALID),
    ("resource", {**CATALOG, "queries": [query("__getitem__", key="str")]}, VALID),
]


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Judge:
    return Judge(tmp_path_factory.mktemp("class_plugins"))


@pytest.mark.parametrize(
    ("artifact_id", "context", "expected"),
    CASES,
    ids=[f"{artifact_id}-{index}" for index, (artifact_id, _, _) in enumerate(CASES)],
)
def test_valid_output_or_refused_at_the_field(judge, artifact_id, context, expected):
    [verdict] = judge.judge(ARTIFACTS[artifact_id], [context])
    if expected == VALID:
        assert verdict.outcome == VALID, verdict.findings or verdict.message
    else:
        assert verdict.outcome == "rejected", verdict.findings or verdict.content
        problems = verdict.message.splitlines()[1:]
        assert any(line.startswith(f"  - {expected}: ") for line in problems), verdict.message
