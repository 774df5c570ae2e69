"""artifact_plugin: what it refuses at input, the files it writes, and their sources.

The generated plugins installed and run are tests/test_artifact_plugin_venv.py's.
"""

import ast
import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError
from scaffold_artifact_artifact_plugin import HEADED_EXTENSIONS, ArtifactPluginContext, naming
from scaffold_artifact_artifact_plugin.module_names import READ_NAMES

from scaffold_core import ArtifactManager, PluginHooks
from scaffold_core.render import TemplateEnvironment
from scaffold_core.render.filters import python_literal
from scaffold_schemas import COMMENT_SYNTAX
from tests.conftest import FIXED_TIME
from tests.installed import run

RUFF = str(Path(sys.executable).with_name("ruff"))
EXAMPLES = ArtifactManager().artifact("artifact_plugin").examples()

LONG = [{"name": "a" * 28, "type": "integer", "required": False, "default": 1}]

NESTED = [
    {
        "name": "methods",
        "type": "model",
        "many": True,
        "fields": [
            {"name": "case"},
            {
                "name": "params",
                "type": "model",
                "many": True,
                "required": False,
                "fields": [{"name": "type"}, {"name": "default", "required": False}],
            },
            {
                "name": "returns",
                "type": "model",
                "required": False,
                "fields": [{"name": "type"}],
            },
            {"name": "owner", "type": "model", "fields": [{"name": "count", "type": "integer"}]},
        ],
    }
]

MANY_MISTAKES = {
    "name": "cli_command",
    "class_name": "CommandLine",
    "extension": "json",
    "distribution": "json",
    "fields": [
        {"name": "output_path"},
        {"name": "retries", "type": "integer", "default": 3},
        {"name": "server", "type": "model"},
        {"name": "command", "fields": [{"name": "host"}]},
    ],
}


def scaffold_new(tmp_path: Path, data: object, *options: str) -> subprocess.CompletedProcess[str]:
    return run(
        "new", "artifact_plugin", "--context", "-", *options, cwd=tmp_path, stdin=json.dumps(data)
    )


def test_every_problem_is_listed_with_exit_2_and_nothing_written(tmp_path):
    result = scaffold_new(tmp_path, MANY_MISTAKES)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for location, fragment in [
        ("class_name", "does not match the id 'cli_command'"),
        ("extension", "the core can header"),
        ("distribution", "standard library"),
        ("fields.0.name", "lifecycle field"),
        ("fields.1.default", "a required field takes no default"),
        ("fields.2.fields", "a model needs at least one attribute"),
        ("fields.3.fields", "only a model has attributes"),
    ]:
        assert f"- {location}: " in result.stderr, (location, result.stderr)
        assert fragment in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("dto", "reserved"),
        ("artifact_plugin", "reserved"),
        ("class", "keyword"),
        ("CliCommand", "snake_case"),
        ("base_render", "like the class it subclasses"),
    ],
)
def test_an_id_breaking_the_convention_is_refused_at_name(tmp_path, name, fragment):
    result = scaffold_new(tmp_path, {"name": name})
    assert result.returncode == 2
    assert "- name: " in result.stderr
    assert fragment in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_installed_id_is_refused(monkeypatch):
    assert {"dto", "artifact_plugin"} <= naming.installed_ids()
    monkeypatch.setattr(naming, "installed_ids", lambda: frozenset({"cli_command"}))
    with pytest.raises(ValidationError) as refused:
        ArtifactPluginContext.model_validate({"name": "cli_command"})
    [error] = refused.value.errors()
    assert error["loc"] == ("name",)
    assert "already provides the artifact type 'cli_command'" in error["msg"]


def test_an_example_the_new_type_would_refuse_is_refused_with_its_place(tmp_path):
    data = {
        "name": "cli_command",
        "fields": [{"name": "command"}, {"name": "retries", "type": "integer", "required": False}],
        "examples": [{"command": "deploy"}, {"retries": True}],
    }
    result = scaffold_new(tmp_path, data)
    assert result.returncode == 2
    assert "- examples: " in result.stderr
    assert "1.command: Field required" in result.stderr
    assert "1.retries: Input should be a valid integer" in result.stderr


@pytest.mark.parametrize(
    ("data", "files"),
    [
        (
            {"name": "cli_command"},
            [
                "pyproject.toml",
                "README.md",
                "scaffold_artifact_cli_command/__init__.py",
                "scaffold_artifact_cli_command/py.typed",
                "scaffold_artifact_cli_command/templates/cli_command.py.jinja2",
                "scaffold_artifact_cli_command/templates/cli_command.examples.yaml",
                "tests/test_cli_command.py",
            ],
        ),
        (
            {
                "name": "notice",
                "kind": "message",
                "extension": "txt",
                "distribution": "Acme.Notice",
                "fields": [{"name": "text"}],
                "legacy_template": "{{ text | default('') }}",
                "examples": [{"text": "Hello"}],
            },
            [
                "pyproject.toml",
                "README.md",
                "acme_notice/__init__.py",
                "acme_notice/py.typed",
                "acme_notice/templates/notice.txt.jinja2",
                "acme_notice/templates/notice.examples.yaml",
                "tests/test_notice.py",
                "acme_notice/templates/notice.v1.txt.jinja2",
                "acme_notice/parity/notice.yaml",
            ],
        ),
    ],
)
def test_dry_run_lists_every_file_and_writes_none(tmp_path, data, files):
    result = scaffold_new(tmp_path, data, "--dry-run")
    assert result.returncode == 0, result.stderr
    folder = data.get("distribution", "scaffold-artifact-cli-command")
    listed = [
        line.removeprefix("would write ").removesuffix(":")
        for line in result.stdout.splitlines()
        if line.startswith("would write ")
    ]
    assert listed == [f"{folder}/{file}" for file in files]
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Every example of artifact_plugin, plus a few edge inputs, written: id → its folder."""
    folder = tmp_path_factory.mktemp("generated")
    manager = ArtifactManager(folder, hooks=PluginHooks([]), clock=lambda: FIXED_TIME)
    edge_inputs = [
        {"name": "empty_doc", "kind": "document"},
        {
            "name": "odd_values",
            "description": "Quotes \" and ' and \u2019 and {{ braces }} and {% tags %} and ```",
            "extension": "xml",
            "fields": [
                {"name": "value", "required": False, "default": "a--b -->"},
                # Typographic prose (RUF001-RUF003 would take it for lookalikes of code).
                {
                    "name": "said",
                    "required": False,
                    "default": "it\u2019s",
                    "description": "\u201cQ\u201d \u2013 \u2026",
                },
                {"name": "items", "type": "model", "many": True, "fields": [{"name": "x"}]},
            ],
        },
        {
            "name": "page",
            "extension": "md",
            "fields": [
                {"name": "heading", "description": "# not a heading"},
                {"name": "flags", "type": "boolean", "many": True},
                {"name": "ratio", "type": "number", "required": False, "default": 1},
            ],
        },
        {"name": "ping", "kind": "message", "fields": [{"name": "host", "required": False}]},
        # The longest names: every line still fits in ruff's 88 columns.
        {
            "name": "long_" + "x" * 59,
            "fields": [{"name": "m" * 28, "type": "model", "required": False, "fields": LONG}],
        },
        # The longest names two models deep: name and class of the inner model fill 60.
        {
            "name": "long_nested",
            "fields": [
                {
                    "name": "m" * 28,
                    "type": "model",
                    "fields": [
                        {
                            "name": "n" * 14,
                            "type": "model",
                            "many": True,
                            "required": False,
                            "fields": LONG,
                        }
                    ],
                }
            ],
        },
        # Soft keywords name fields and attributes; models nest two levels, in every family.
        *(
            {
                "name": f"nested_{family}",
                **options,
                "fields": [{"name": "type"}, {"name": "match", "required": False}, *NESTED],
            }
            for family, options in [
                ("py", {}),
                ("toml", {"extension": "toml"}),
                ("doc", {"kind": "document"}),
                ("page", {"extension": "md"}),
                ("text", {"kind": "message", "extension": "txt"}),
            ]
        ),
        {
            "name": "long_message",
            "kind": "message",
            "fields": [
                {"name": "n" * 28, "type": "number", "many": True},
                {
                    "name": "m" * 28,
                    "type": "model",
                    "many": True,
                    "required": False,
                    "fields": LONG,
                },
            ],
        },
    ]
    written = {}
    for data in [*EXAMPLES, *edge_inputs]:
        result = manager.scaffold("artifact_plugin", data)
        written[data["name"]] = result.path.parent
    return written


def test_every_file_is_written_and_the_data_files_parse(generated):
    for artifact_id, folder in generated.items():
        pyproject = tomllib.loads((folder / "pyproject.toml").read_text())
        entry_points = pyproject["project"]["entry-points"]["scaffold.artifacts"]
        package, _, class_name = entry_points[artifact_id].partition(":")
        assert class_name.endswith("Context")
        assert (folder / package / "py.typed").read_text() == "\n"
        examples = yaml.safe_load(
            (folder / package / "templates" / f"{artifact_id}.examples.yaml").read_text()
        )
        assert examples["examples"], artifact_id
        assert {case["message"] for case in examples["rejections"]} >= {"unknown field"}
        readme = (folder / "README.md").read_text()
        assert [line for line in readme.splitlines() if line.startswith("# ")] == [
            f"# {folder.name}"
        ]


def test_generated_python_compiles_and_is_lint_clean(generated):
    for folder in generated.values():
        for path in folder.rglob("*.py"):
            compile(path.read_text(), str(path), "exec")
        for command in (
            [RUFF, "check", "--no-cache", "."],
            [RUFF, "format", "--no-cache", "--check", "."],
            [
                RUFF,
                "check",
                "--isolated",
                "--no-cache",
                "--select",
                "E,F,I,W",
                "--ignore",
                "E501",
                ".",
            ],
        ):
            result = subprocess.run(
                command, cwd=folder, capture_output=True, text=True, check=False
            )
            assert result.returncode == 0, (folder.name, command, result.stdout, result.stderr)


def test_the_starter_template_reads_every_field_and_escapes_the_authors_text(generated):
    folder = generated["odd_values"]
    template = (
        folder / "scaffold_artifact_odd_values" / "templates" / "odd_values.xml.jinja2"
    ).read_text()
    assert "{{ value | tojson" in template
    assert "{{ _items | tojson" in template
    module = (folder / "scaffold_artifact_odd_values" / "__init__.py").read_text()
    assert "class ItemsItem(BaseModel):" in module
    assert 'value: SingleLineText = Field(default="a--b -->"' in module


def test_a_code_type_may_write_every_extension_the_core_can_header_but_jinja2():
    accepted = set()
    for extension in COMMENT_SYNTAX:
        try:
            ArtifactPluginContext.model_validate({"name": "odd_format", "extension": extension})
        except ValidationError:
            continue
        accepted.add(extension)
    assert accepted == set(COMMENT_SYNTAX) - {"jinja2"}


def test_inner_models_are_classes_of_their_own_before_the_models_holding_them(generated):
    folder = generated["nested_py"]
    module = (folder / "scaffold_artifact_nested_py" / "__init__.py").read_text()
    classes = [line for line in module.splitlines() if line.startswith("class ")]
    assert classes == [
        "class MethodsParamsItem(BaseModel):",
        "class MethodsReturnsItem(BaseModel):",
        "class MethodsOwnerItem(BaseModel):",
        "class MethodsItem(BaseModel):",
        "class NestedPyContext(BaseContext):",
        "class NestedPyRenderContext(NestedPyContext, BaseRenderContext):",
    ]
    assert "    type: SingleLineText = Field(" in module
    assert "    params: list[MethodsParamsItem] = Field(" in module
    assert "    returns: MethodsReturnsItem | None = Field(" in module


def render_starter(data: dict[str, object], values: dict[str, object]) -> str:
    """The starter template of ``data``'s type rendered with ``values`` (models as dicts)."""
    source = ArtifactPluginContext.model_validate(data).template_source
    # The core's own (v2) environment: the library's filters and the globals its macros read.
    environment = TemplateEnvironment(PluginHooks()).jinja
    return environment.from_string(source).render(values)


def test_an_inner_model_renders_as_data_and_as_text():
    # What the template receives: every attribute, in order (None for one left out).
    methods = [
        {
            "case": "a",
            "params": [{"type": "int", "default": None}, {"type": "str", "default": "x"}],
            "returns": None,
            "owner": {"count": 2},
        },
        {"case": "b", "params": [], "returns": {"type": "None"}, "owner": {"count": 3}},
    ]
    values = {"type": "sync", "match": None, "methods": methods}
    data = {"name": "nested", "fields": [{"name": "type"}, {"name": "match"}, *NESTED]}
    module = render_starter(data, values)
    assert f"VALUES = {python_literal(values, 0, 9)}" in module
    text = render_starter({**data, "kind": "message", "extension": "txt"}, values)
    assert text.endswith(
        "methods: case: a, params: (type: int); (type: str, default: x), owner: (count: 2);"
        " case: b, returns: (type: None), owner: (count: 3)"
    )


def problems_of(data: dict[str, object]) -> dict[str, str]:
    """Where ``data`` is refused (``fields.0.name``) and the message there."""
    with pytest.raises(ValidationError) as refused:
        ArtifactPluginContext.model_validate(data)
    return {".".join(map(str, error["loc"])): error["msg"] for error in refused.value.errors()}


def test_a_package_another_installed_distribution_imports_is_refused_naming_it():
    owners = importlib.metadata.packages_distributions()
    assert {"yaml", "rpds", "attr"} <= set(owners)
    for package, [owner, *_] in sorted(owners.items()):
        if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", package) or package in {
            *sys.stdlib_module_names,
            *("mypy", "pytest", "ruff"),  # the generated plugin's tools: refused as such
        }:
            continue
        problems = problems_of({"name": "shadow", "distribution": package})
        expected = f"'{package}' would replace the import package of the installed distribution"
        assert f"{expected} '{owner}'" in problems["distribution"], package


def test_the_default_distribution_is_checked_too(monkeypatch):
    owners = {"scaffold_artifact_shadow": ["acme-tools"]}
    monkeypatch.setattr(importlib.metadata, "packages_distributions", lambda: owners)
    problems = problems_of({"name": "shadow"})
    assert (
        "'scaffold_artifact_shadow' would replace the import package of"
        in problems["distribution"]
    )
    assert "distribution 'acme-tools'" in problems["distribution"]


def test_the_tests_folder_and_the_generated_plugins_own_tools_are_refused(generated):
    pyproject = tomllib.loads((generated["cli_command"] / "pyproject.toml").read_text())
    requirements = [
        *pyproject["build-system"]["requires"],
        *pyproject["project"]["optional-dependencies"]["dev"],
    ]
    tools = {re.match(r"[A-Za-z0-9_.-]+", requirement)[0] for requirement in requirements}
    assert tools == {"hatchling", "pytest", "ruff", "mypy"}
    for name in sorted(tools):
        assert (
            "a tool it is built or checked with"
            in problems_of({"name": "shadow", "distribution": name})["distribution"]
        )
    problems = problems_of({"name": "shadow", "distribution": "tests"})
    assert "the tests folder the generated distribution ships" in problems["distribution"]


def test_no_field_takes_a_name_the_generated_class_bodies_read(generated):
    # Every name an import binds or a class body reads is one the fields may not take.
    for folder in generated.values():
        module = next(folder.glob("*/__init__.py"))
        tree = ast.parse(module.read_text())
        defined = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
        read = {
            alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        }
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                read |= {
                    name.id
                    for statement in node.body
                    for name in ast.walk(statement)
                    if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Load)
                }
        assert read - defined <= set(READ_NAMES), module
    # The tester's case: the document's section(...) call read the field.
    data = {"name": "runbook", "kind": "document", "fields": [{"name": "section"}, {"name": "b"}]}
    assert (
        "scaffold_schemas.section, which the generated module uses"
        in problems_of(data)["fields.0.name"]
    )
    for name in ("int", "float", "list", "with_config"):
        nested = {"name": "server", "type": "model", "fields": [{"name": name}]}
        problems = problems_of({"name": "cli_command", "fields": [nested]})
        assert READ_NAMES[name] in problems["fields.0.fields.0.name"]


def test_a_document_is_markdown_only():
    for extension in sorted(HEADED_EXTENSIONS - {"md"}):
        problems = problems_of({"name": "runbook", "kind": "document", "extension": extension})
        assert problems["extension"].endswith("a document is Markdown, written as md")
    assert (
        ArtifactPluginContext.model_validate({"name": "runbook", "kind": "document"}).extension
        == "md"
    )
