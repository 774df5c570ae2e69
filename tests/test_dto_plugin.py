"""The dto plugin refuses inputs that would give lint-failing code; defaults get imports."""

import pytest

from scaffold_core import InvalidInput


@pytest.mark.parametrize(
    ("imports", "message"),
    [
        (["a.B", "c.B"], "import 'c.B' clashes with 'a.B'"),
        (["app.money.Money"], "imports.0: import .app.money.Money. is used by no type or value"),
    ],
)
def test_import_problems_are_refused(manager, imports, message):
    context = {"name": "X", "fields": [{"name": "a", "type": "int"}], "imports": imports}
    with pytest.raises(InvalidInput, match=message):
        manager.scaffold("dto", context, dry_run=True)


def test_names_used_by_defaults_are_imported(manager):
    context = {"name": "X", "fields": [{"name": "a", "type": "int", "default": "Decimal(1)"}]}
    content = manager.scaffold("dto", context, dry_run=True).content
    assert "from decimal import Decimal" in content
    with pytest.raises(InvalidInput, match="Money"):
        manager.scaffold(
            "dto",
            {"name": "X", "fields": [{"name": "a", "type": "int", "default": "Money(1)"}]},
            dry_run=True,
        )
