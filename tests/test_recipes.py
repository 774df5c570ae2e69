"""Recipes: several artifacts in one operation, all or nothing."""

import ast
import io
import json
import re
from pathlib import Path

import pytest

from scaffold_core import InvalidInput, OutputExists, RecipeFailed, WriteFailed
from scaffold_core.cli import main
from scaffold_core.recipes import RecipeStep, apply_recipe, load_recipe
from scaffold_core.write import write_all

DTO = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}
WORKER = {"name": "OrderWorker", "layer": "orders"}
RECIPE = {
    "artifacts": [
        {"type": "dto", "context": DTO, "output": "src/orders/order.py"},
        {"type": "worker", "context": WORKER},
        {"type": "dto", "context": {**DTO, "name": "Refund"}},
    ]
}


def test_three_artifacts_are_written_together(manager, project):
    steps = [RecipeStep(e["type"], e["context"], e.get("output")) for e in RECIPE["artifacts"]]
    results = apply_recipe(manager, steps)
    assert [r.output_path for r in results] == [
        "src/orders/order.py",
        "src/orders/workers/order_worker.py",
        "src/dtos/refund.py",
    ]
    assert all(r.written for r in results)
    assert all((project / r.output_path).is_file() for r in results)


def test_one_failure_writes_nothing_and_every_failure_is_reported(manager, project):
    (project / "src/dtos").mkdir(parents=True)
    (project / "src/dtos/refund.py").write_text("mine\n")
    steps = [
        RecipeStep("dto", DTO, "src/orders/order.py"),
        RecipeStep("worker", {"name": "bad name", "layer": "orders"}),
        RecipeStep("dto", {**DTO, "name": "Refund"}),
        RecipeStep("nope", {}),
        RecipeStep("dto", DTO, "src/orders/order.py"),
    ]
    with pytest.raises(RecipeFailed) as caught:
        apply_recipe(manager, steps)
    message = str(caught.value)
    assert "recipe not applied, nothing written (4 failures)" in message
    assert "artifact 2 (worker): invalid input" in message
    assert "artifact 3 (dto): src/dtos/refund.py already exists" in message
    assert "artifact 4 (nope): unknown artifact type 'nope'" in message
    assert "artifact 5 (dto): src/orders/order.py is also written by artifact 1 (dto)" in message
    assert caught.value.exit_code == 2
    assert not (project / "src/orders").exists()
    assert (project / "src/dtos/refund.py").read_text() == "mine\n"


def test_force_and_dry_run(manager, project):
    (project / "o.py").write_text("old\n")
    steps = [RecipeStep("dto", DTO, "o.py"), RecipeStep("worker", WORKER, "w.py")]
    dry = apply_recipe(manager, steps, dry_run=True, force=True)
    assert [r.written for r in dry] == [False, False]
    assert (project / "o.py").read_text() == "old\n"
    apply_recipe(manager, steps, force=True)
    assert "class Order" in (project / "o.py").read_text()


def test_write_all_rolls_back_when_a_later_file_cannot_be_written(tmp_path):
    (tmp_path / "kept.py").write_text("old\n")
    (tmp_path / "blocker").write_text("a file where a folder should be\n")
    files = [(tmp_path / "kept.py", "new\n"), (tmp_path / "blocker" / "x.py", "x\n")]
    with pytest.raises(WriteFailed):
        write_all(files, overwrite=True)
    assert (tmp_path / "kept.py").read_text() == "old\n"
    created = [(tmp_path / "a.py", "a\n"), (tmp_path / "kept.py", "b\n")]
    with pytest.raises(OutputExists, match=r"kept\.py already exists"):
        write_all(created, overwrite=False)
    assert not (tmp_path / "a.py").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "kept.py"]


@pytest.mark.parametrize(
    ("document", "location"),
    [
        ({"artifacts": []}, "artifacts"),
        ({"artifacts": [3]}, "artifacts.0"),
        ({"artifacts": [{"type": "dto", "context": [], "extra": 1}]}, "artifacts.0.context"),
        ({"artifacts": [{"context": {}}]}, "artifacts.0.type"),
        ({"artifacts": [{"type": "dto", "output": 5}]}, "artifacts.0.output"),
    ],
)
def test_malformed_recipes_are_rejected(tmp_path, document, location):
    path = tmp_path / "recipe.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InvalidInput) as caught:
        load_recipe(str(path), io.StringIO())
    assert caught.value.exit_code == 2
    assert location in str(caught.value)


STEP = {"type": "dto", "context": {"name": "A", "fields": [{"name": "a", "type": "int"}]}}


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            {"artifacts": [STEP], "artifcats": [STEP]},
            ["artifcats: only the key artifacts; did you mean 'artifacts'?"],
        ),
        (
            {"artifacts": [STEP], "artifact": [STEP], "extra": 1},
            [
                "artifact: only the key artifacts; did you mean 'artifacts'?",
                "extra: only the key artifacts",
            ],
        ),
        (
            {"artifacts": [{**STEP, "ouptut": "a.py"}]},
            [
                (
                    "artifacts.0.ouptut: only the keys type, context, output, for;"
                    " did you mean 'output'?"
                )
            ],
        ),
        ([], ["--recipe: a recipe: a mapping with 'artifacts', a list of artifacts (given: [])"]),
        (
            {"artifacts": [{"context": {}}, {"type": ""}]},
            [
                "artifacts.0.type: required key 'type' is missing",
                "artifacts.1.type: an artifact type id (given: '')",
            ],
        ),
    ],
)
def test_a_recipe_key_scaffold_does_not_know_is_refused_not_skipped(tmp_path, document, expected):
    # Ignored, a misspelt list of artifacts would be silently left out.
    path = tmp_path / "recipe.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InvalidInput) as caught:
        load_recipe(str(path), io.StringIO())
    assert [str(problem) for problem in caught.value.problems] == expected


def test_cli_recipe(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    (project / "feature.yaml").write_text(json.dumps(RECIPE))
    assert main(["new", "--recipe", "feature.yaml"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "src/orders/order.py",
        "src/orders/workers/order_worker.py",
        "src/dtos/refund.py",
    ]
    assert main(["new", "--recipe", "feature.yaml"]) == 2
    assert "3 failures" in capsys.readouterr().err
    assert main(["new", "dto", "--recipe", "feature.yaml"]) == 2
    assert "--recipe takes every artifact from the file" in capsys.readouterr().err
    assert main(["new"]) == 2
    assert "give an artifact TYPE, or --recipe FILE" in capsys.readouterr().err


def test_the_readme_recipe_writes_dto_worker_and_unit_test(project, monkeypatch, capsys):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    recipe = re.search(r"\$ cat feature.yaml\n(.*?)\$ scaffold new", readme, re.DOTALL)
    assert recipe is not None
    (project / "feature.yaml").write_text(recipe.group(1))
    monkeypatch.chdir(project)
    assert main(["new", "--recipe", "feature.yaml"]) == 0
    written = capsys.readouterr().out.splitlines()
    assert written == [
        "src/dtos/refund.py",
        "src/payments/workers/refund_worker.py",
        "tests/unit/test_refund_worker.py",
    ]
    for path in written:
        ast.parse((project / path).read_text())
    (project / "src/dtos/refund.py").unlink()
    (project / "tests/unit/test_refund_worker.py").write_text("mine\n")
    assert main(["new", "--recipe", "feature.yaml"]) == 2
    assert not (project / "src/dtos/refund.py").exists()
    assert (project / "tests/unit/test_refund_worker.py").read_text() == "mine\n"


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize(
    ("outputs", "failure"),
    [
        (
            ["q.py", "q.py/x.py"],
            "artifact 2 (dto): needs q.py as a folder, but artifact 1 (dto) writes it as a file",
        ),
        (
            ["q/x.py", "q"],
            "artifact 1 (dto): needs q as a folder, but artifact 2 (dto) writes it as a file",
        ),
    ],
)
def test_a_name_cannot_be_a_file_for_one_artifact_and_a_folder_for_another(
    manager, project, force, outputs, failure
):
    steps = [RecipeStep("dto", {**DTO, "name": f"N{i}"}, out) for i, out in enumerate(outputs)]
    with pytest.raises(RecipeFailed) as caught:
        apply_recipe(manager, steps, force=force)
    assert caught.value.exit_code == 2
    assert str(caught.value).splitlines() == [
        "recipe not applied, nothing written (1 failure):",
        f"- {failure}",
    ]
    assert list(project.iterdir()) == []
