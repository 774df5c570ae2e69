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


LAZY = ["scaffold_core", "scaffold_schemas", "scaffold_core.discover"]
"""The packages that import each public name's module on first use (start-up time)."""


@pytest.mark.parametrize("name", LAZY)
def test_a_lazy_package_exports_exactly_its_all(name):
    package = importlib.import_module(name)
    bound = {  # imported eagerly, or lazily and then kept
        key
        for key, value in vars(package).items()
        if not key.startswith("_") and not inspect.ismodule(value) and key != "TYPE_CHECKING"
    }
    bound |= {"__version__"} & set(vars(package))
    assert bound <= set(package.__all__)
    assert set(package._EXPORTS) | bound == set(package.__all__)
    for public in package.__all__:
        assert getattr(package, public) is not None
    assert dir(package) == sorted(package.__all__)
    assert list(package.__all__) == sorted(package.__all__, key=lambda n: (not n.isupper(), n))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = package.nope


def test_pipeline_choices_match_the_pipelines():

    assert PIPELINE_CHOICES == PIPELINES


@pytest.mark.parametrize("name", [name for name in MODULES if name not in LAZY])
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
