"""Build real wheels, install them into a new virtual environment, and use them.

This proves what editable installs cannot: the shared template library ships inside the
core's wheel, discovery works from installed metadata, the plugin written only from
docs/plugins.md works, and a plugin that cannot import is reported without hiding others.
"""

import json
import re
from pathlib import Path

import pytest

from tests.installed import build_wheels, check, clean_environment, create_venv, pip_install

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTED_FILE = re.compile(r'```\w+ title="(?P<path>[^"]+)"\n(?P<body>.*?)```', re.DOTALL)

pytestmark = pytest.mark.slow


def write_documented_plugin(folder: Path) -> Path:
    """Write every file docs/plugins.md shows with a title, exactly as shown."""
    text = (ROOT / "docs" / "plugins.md").read_text()
    files = {match["path"]: match["body"] for match in DOCUMENTED_FILE.finditer(text)}
    assert len(files) == 3, sorted(files)
    for relative, body in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return folder / "acme-artifact-handler"


def write_broken_plugin(folder: Path) -> Path:
    project = folder / "acme-artifact-broken"
    package = project / "acme_artifact_broken"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("import a_module_that_is_not_installed\n")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling>=1.21"]\nbuild-backend = "hatchling.build"\n'
        '[project]\nname = "acme-artifact-broken"\nversion = "0.9"\n'
        '[project.entry-points."scaffold.artifacts"]\n'
        'broken = "acme_artifact_broken:BrokenContext"\n'
    )
    return project


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the core, the dto plugin, the documented plugin and a broken one."""
    base = tmp_path_factory.mktemp("packaging")
    wheelhouse = base / "wheelhouse"
    sources = [
        ROOT,
        ROOT / "plugins" / "scaffold-artifact-dto",
        write_documented_plugin(base / "docs-plugin"),
        write_broken_plugin(base / "broken-plugin"),
    ]
    env = clean_environment()
    wheels = build_wheels(sources, wheelhouse, env)
    bin_folder = create_venv(base / "venv")
    pip_install(bin_folder, map(str, wheels), env)
    work = base / "work"
    work.mkdir()
    return bin_folder, work, env


def test_templates_ship_inside_the_core_wheel(installed):
    bin_dir, work, env = installed
    code = "from scaffold_core.render import shared_library_path; print(shared_library_path())"
    library = Path(check([str(bin_dir / "python"), "-c", code], work, env).strip())
    assert "site-packages" in library.parts
    assert (library / "layouts" / "python_module.py.jinja2").is_file()


def test_list_reports_broken_plugin_without_hiding_others(installed):
    bin_dir, work, env = installed
    report = json.loads(check([str(bin_dir / "scaffold"), "list", "--json"], work, env))
    rows = {row["id"]: row for row in report["artifact_types"]}
    assert rows["dto"]["status"] == "ok"
    assert rows["handler"]["status"] == "ok"
    assert rows["handler"]["distribution"] == "acme-artifact-handler"
    assert rows["broken"]["status"] == "broken"
    assert "a_module_that_is_not_installed" in rows["broken"]["reason"]
    assert rows["broken"]["version"] == "0.9"


def test_documented_plugin_works_with_every_command(installed):
    bin_dir, work, env = installed
    scaffold = str(bin_dir / "scaffold")
    schema = json.loads(check([scaffold, "schema", "handler"], work, env))
    assert schema["title"] == "HandlerContext"
    assert check([scaffold, "new", "handler", "-s", "name=CancelOrder"], work, env) == (
        "src/handlers/cancel_order.py\n"
    )
    text = (work / "src/handlers/cancel_order.py").read_text()
    assert text.startswith("# scaffold: template=handler version=")
    assert "class CancelOrderHandler:" in text
    compile(text, "cancel_order.py", "exec")
    assert check([scaffold, "validate-architecture", "handler", "dto"], work, env).endswith(
        "passed\n"
    )


def test_installed_dto_plugin_scaffolds_from_context_file(installed):
    bin_dir, work, env = installed
    (work / "order.json").write_text(
        json.dumps({"name": "Order", "fields": [{"name": "total", "type": "Decimal"}]})
    )
    scaffold = str(bin_dir / "scaffold")
    assert check([scaffold, "new", "dto", "--context", "order.json"], work, env) == (
        "src/dtos/order.py\n"
    )
    assert "from decimal import Decimal" in (work / "src/dtos/order.py").read_text()
