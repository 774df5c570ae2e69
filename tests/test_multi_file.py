"""Multi-file artifacts: every file rendered, checked and headed; written all or nothing."""

import json
import re
import tomllib

import pytest

from scaffold_core import (
    ArtifactManager,
    ArtifactRegistry,
    OutputCheckFailed,
    OutputExists,
    PluginHooks,
    RecipeFailed,
    TemplateFailed,
    UnsafeOutputPath,
)
from scaffold_core.recipes import RecipeStep, apply_recipe
from tests.conftest import FIXED_TIME, entry
from tests.installed import run, write_distribution

BUNDLE = {"name": "billing", "summary": "Invoices and refunds."}
FILES = [
    "billing/main.py",
    "billing/README.md",
    "billing/pyproject.toml",
    "billing/billing/__init__.py",
    "billing/settings.json",
]


@pytest.fixture
def bundles(project):
    registry = ArtifactRegistry(
        [
            entry("bundle", "bundle:BundleContext"),
            entry("bundle_twice", "bundle:BundleTwiceContext"),
            entry("bundle_bad", "bundle:BundleBadContext"),
            entry("bundle_folder", "bundle:BundleFolderContext"),
            entry("bundle_dot", "bundle:BundleDotContext"),
        ]
    )
    return ArtifactManager(
        project, registry=registry, hooks=PluginHooks([]), clock=lambda: FIXED_TIME
    )


def written_files(project):
    """The files written, records aside (tests/test_record.py)."""
    return sorted(
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.is_file() and path.relative_to(project).parts[0] != ".scaffold"
    )


def test_every_file_is_written_with_the_header_of_its_own_format(bundles, project):
    result = bundles.scaffold("bundle", BUNDLE)
    assert [file.output_path for file in result.files] == FILES
    assert all(file.written for file in result.files)
    assert written_files(project) == sorted(FILES)
    readme = (project / "billing/README.md").read_text()
    assert re.match(r"<!-- scaffold: template=bundle version=[0-9a-f]{8} .* -->\n", readme)
    assert "path=billing/README.md -->" in readme.splitlines()[0]
    pyproject = (project / "billing/pyproject.toml").read_text()
    assert pyproject.startswith("# scaffold: template=bundle ")
    assert tomllib.loads(pyproject) == {"project": {"name": "billing"}}
    # JSON has no comments: no header, and the file's own output_path is the one it sees.
    settings = json.loads((project / "billing/settings.json").read_text())
    assert settings == {"name": "billing", "path": "billing/settings.json"}
    module = (project / "billing/billing/__init__.py").read_text()
    assert "path=billing/billing/__init__.py" in module.splitlines()[0]


def test_each_file_records_the_hash_of_its_own_template(bundles, project):
    result = bundles.scaffold("bundle", BUNDLE)
    hashes = {
        file.output_path: re.search(r"version=([0-9a-f]{8})", file.content).group(1)
        for file in result.files
        if file.content.startswith(("#", "<!--"))
    }
    assert len(set(hashes.values())) == len(hashes) == 4


def test_optional_files_follow_the_input(bundles, project):
    result = bundles.scaffold("bundle", {**BUNDLE, "with_settings": False})
    assert [file.output_path for file in result.files] == FILES[:-1]
    assert not (project / "billing/settings.json").exists()


def test_an_explicit_output_path_moves_the_whole_set(bundles, project):
    result = bundles.scaffold("bundle", BUNDLE, output_path="libs/pay/main.py")
    assert [file.output_path for file in result.files] == [
        "libs/pay/main.py",
        "libs/pay/README.md",
        "libs/pay/pyproject.toml",
        "libs/pay/billing/__init__.py",
        "libs/pay/settings.json",
    ]


def test_an_explicit_path_names_the_folder_or_a_file_of_the_main_format(bundles, project):
    result = bundles.scaffold("bundle", BUNDLE, output_path="libs/pay/")
    assert result.output_path == "libs/pay/main.py"
    with pytest.raises(UnsafeOutputPath) as refused:
        bundles.scaffold("bundle", BUNDLE, output_path="libs/app")
    assert str(refused.value) == (
        "output path 'libs/app': artifact type 'bundle' writes several files beside its"
        " main file, a .py file; give their folder ('libs/app/') or a path ending in '.py'"
    )
    assert written_files(project) == sorted(file.output_path for file in result.files)
    renamed = bundles.scaffold("bundle", BUNDLE, output_path="libs/app.py", dry_run=True)
    assert [file.output_path for file in renamed.files][:2] == ["libs/app.py", "libs/README.md"]


def test_dry_run_renders_every_file_and_writes_none(bundles, project):
    result = bundles.scaffold("bundle", BUNDLE, dry_run=True)
    assert len(result.files) == len(FILES)
    assert not any(file.written for file in result.files)
    assert written_files(project) == []


def test_one_existing_file_stops_all_of_them_and_is_named(bundles, project):
    (project / "billing").mkdir()
    (project / "billing/README.md").write_text("mine\n")
    (project / "billing/settings.json").write_text("{}\n")
    with pytest.raises(OutputExists) as refused:
        bundles.scaffold("bundle", BUNDLE)
    assert str(refused.value) == (
        "billing/README.md, billing/settings.json already exist: pass --force to overwrite them"
    )
    assert written_files(project) == ["billing/README.md", "billing/settings.json"]
    assert (project / "billing/README.md").read_text() == "mine\n"
    bundles.scaffold("bundle", BUNDLE, force=True)
    assert written_files(project) == sorted(FILES)
    assert (project / "billing/README.md").read_text().endswith("Invoices and refunds.\n")


def test_invalid_output_in_any_file_writes_nothing_and_names_its_template(bundles, project):
    with pytest.raises(OutputCheckFailed, match=r"broken\.py \(nothing written\).*bundle/broken"):
        bundles.scaffold("bundle_bad", BUNDLE)
    assert written_files(project) == []


def test_a_path_named_twice_is_the_plugins_fault(bundles, project):
    with pytest.raises(TemplateFailed, match=r"writes billing/README\.md twice"):
        bundles.scaffold("bundle_twice", BUNDLE)
    assert written_files(project) == []


def test_a_file_that_is_also_a_folder_of_the_set_is_the_plugins_fault(bundles, project):
    with pytest.raises(TemplateFailed) as failed:
        bundles.scaffold("bundle_folder", BUNDLE)
    assert str(failed.value) == (
        "artifact type 'bundle_folder' (from fixture-plugins): artifact_files() writes"
        " billing/conf as a file (bundle/README.md.jinja2) and as the folder of"
        " billing/conf/config.toml (bundle/pyproject.toml.jinja2)"
    )
    assert written_files(project) == []


def test_an_unusable_path_is_the_plugins_fault(bundles, project):
    with pytest.raises(TemplateFailed, match=r"returns an unusable path: the path of bundle/"):
        bundles.scaffold("bundle_dot", BUNDLE)
    assert written_files(project) == []


def test_the_legacy_pipeline_writes_the_main_file_only(bundles, project):
    result = bundles.scaffold("bundle", BUNDLE, pipeline="v1")
    assert [file.output_path for file in result.files] == ["billing/main.py"]


def test_a_recipe_claims_every_file_of_every_artifact(bundles, project):
    steps = [
        RecipeStep("bundle", BUNDLE),
        RecipeStep("bundle", {**BUNDLE, "summary": "Again."}, "billing/"),
    ]
    with pytest.raises(RecipeFailed) as failed:
        apply_recipe(bundles, steps)
    assert "billing/README.md is also written by artifact 1 (bundle)" in str(failed.value)
    assert written_files(project) == []
    results = apply_recipe(bundles, [steps[0], RecipeStep("bundle", {**BUNDLE, "name": "tax"})])
    assert sum(len(result.files) for result in results) == 2 * len(FILES)
    assert len(written_files(project)) == 2 * len(FILES)


def test_the_command_line_lists_every_file(tmp_path):
    site = tmp_path / "site"
    write_distribution(
        site, "acme-bundle", "1.0", {"scaffold.artifacts": {"bundle": "bundle:BundleContext"}}
    )
    project = tmp_path / "work"
    project.mkdir()
    arguments = ["new", "bundle", "-s", "name=billing", "-s", "summary=Invoices."]
    dry = run(*arguments, "--dry-run", cwd=project, site=site)
    assert dry.returncode == 0, dry.stderr
    assert re.findall(r"^would write (\S+):$", dry.stdout, re.MULTILINE) == FILES
    assert written_files(project) == []
    done = run(*arguments, cwd=project, site=site)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == FILES
    again = run(*arguments, cwd=project, site=site)
    assert again.returncode == 2
    assert "already exist: pass --force" in again.stderr
