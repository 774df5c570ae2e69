import importlib
import inspect

import pytest

from scaffold_core.cli.parser import PIPELINE_CHOICES
from scaffold_core.pipelines import PIPELINES

MODULES = [
    "scaffold_core",
    "scaffold_schemas",
    "scaffold_core.discover",
    "scaffold_core.hooks",
    "scaffold_core.render",
    "scaffold_core.validate",
    "scaffold_core.enrich",
    "scaffold_core.write",
    "scaffold_core.pipelines",
]


def test_the_core_package_exports_lazily_exactly_its_all():
    core = importlib.import_module("scaffold_core")
    assert set(core._EXPORTS) | {"__version__"} == set(core.__all__)
    for name in core.__all__:
        assert getattr(core, name) is not None
    assert dir(core) == sorted(core.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = core.nope


def test_pipeline_choices_match_the_pipelines():

    assert PIPELINE_CHOICES == PIPELINES


@pytest.mark.parametrize("name", MODULES[1:])
def test_all_matches_public_names(name):
    module = importlib.import_module(name)
    public = {
        attribute
        for attribute, value in vars(module).items()
        if not attribute.startswith("_") and not inspect.ismodule(value)
    }
    public |= {"__version__"} & set(vars(module))
    assert set(module.__all__) == public
    assert list(module.__all__) == sorted(module.__all__, key=lambda n: (not n.isupper(), n))


def test_errors_module_draws_the_tree_of_every_exception():
    errors = importlib.import_module("scaffold_core.errors")
    classes = [
        value
        for value in vars(errors).values()
        if inspect.isclass(value) and issubclass(value, Exception)
    ]
    for error_class in classes:
        assert error_class.__name__ in (errors.__doc__ or ""), error_class.__name__
    user_errors = [c for c in classes if issubclass(c, errors.UserError)]
    assert all(c.exit_code == 2 for c in user_errors)
    assert all(c.exit_code == 1 for c in classes if c not in user_errors)
