"""The invalid-input corpus: every way bad input reaches scaffold, through the real command.

Each case prepares a project (files as bytes, folders, symbolic links), runs ``scaffold``
with its arguments (bytes, so that non-UTF-8 arguments can be given) and expects what the
promise says of invalid input: exit code 2, no traceback, an ``error:`` report whose text
names the problem (each of ``names``), and nothing written: the project's files are exactly
what the case prepared.
"""

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.installed import SCAFFOLD

PYPROJECT = b'[project]\nname = "demo"\nversion = "0.1.0"\n'
DTO = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}
DTO_JSON = json.dumps(DTO).encode()
DTO_ARGS = ["new", "dto", "-s", "name=Order", "-s", 'fields=[{"name":"total","type":"int"}]']
PR_ARGS = ["new", "pr", "-s", "title=T", "-s", 'changes=["c"]']


@dataclass(frozen=True)
class Case:
    """One invalid input: the project it runs in, the arguments, what the report must name."""

    args: list[str | bytes]
    names: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    folders: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    stdin: bytes = b""


def context(text: str | bytes, name: str = "c.json") -> dict[str, bytes]:
    return {name: text.encode() if isinstance(text, str) else text}


def yaml_context(value: str) -> Case:
    """A dto context in YAML whose ``description`` is ``value`` written as given."""
    text = f"name: Order\ndescription: {value}\nfields:\n- name: total\n  type: int\n"
    return Case(
        ["new", "dto", "--context", "c.yaml"], ["c.yaml", "quote"], context(text, "c.yaml")
    )


def recipe(*entries: dict[str, object]) -> bytes:
    return json.dumps({"artifacts": list(entries)}).encode()


def dto_step(name: str, output: str) -> dict[str, object]:
    return {"type": "dto", "context": {**DTO, "name": name}, "output": output}


def settings(table: str) -> dict[str, bytes]:
    return {"pyproject.toml": PYPROJECT + table.encode()}


LOOP = {"loop1": "loop2", "loop2": "loop1"}
DANGLING = {"dangling.py": "nowhere.py"}
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

CASES: dict[str, Case] = {
    # Decoding
    "context UTF-16": Case(
        ["new", "dto", "--context", "c.json"],
        ["c.json", "UTF-8"],
        context(DTO_JSON.decode().encode("utf-16")),
    ),
    "context UTF-16 without BOM": Case(
        ["new", "dto", "--context", "c.json"],
        ["c.json", "UTF-8"],
        context(DTO_JSON.decode().encode("utf-16-le")),
    ),
    "context Latin-1 YAML": Case(
        ["new", "dto", "--context", "c.yaml"],
        ["c.yaml", "UTF-8"],
        context("name: Order\ndescription: caf\u00e9\nfields: []\n".encode("latin-1"), "c.yaml"),
    ),
    "context invalid bytes TOML": Case(
        ["new", "dto", "--context", "c.toml"],
        ["c.toml", "UTF-8"],
        context(b'name = "Order\xff"\n', "c.toml"),
    ),
    "context lone surrogate escape": Case(
        ["new", "dto", "--context", "c.json"],
        ["c.json"],
        context('{"name": "Order", "description": "\\udc00", "fields": []}'),
    ),
    "stdin invalid bytes": Case(
        ["new", "dto", "--context", "-"], ["standard input", "UTF-8"], stdin=b'{"name": "\xff"}'
    ),
    "recipe UTF-16": Case(
        ["new", "--recipe", "r.json"],
        ["r.json", "UTF-8"],
        {"r.json": recipe(dto_step("Order", "o.py")).decode().encode("utf-16")},
    ),
    "pyproject Latin-1": Case(
        DTO_ARGS,
        ["pyproject.toml", "UTF-8"],
        {"pyproject.toml": PYPROJECT + "# caf\u00e9\n".encode("latin-1")},
    ),
    "-s value not UTF-8": Case(["new", "dto", "-s", b"name=Ord\xffer"], ["-s", "UTF-8"]),
    "-o not UTF-8": Case([*DTO_ARGS, "-o", b"ord\xffer.py"], ["-o", "UTF-8"]),
    "--context path not UTF-8": Case(["new", "dto", "--context", b"c\xff.json"], ["--context"]),
    # Strict parsing
    "JSON duplicate key": Case(
        ["new", "dto", "--context", "c.json"],
        ["name", "twice"],
        context('{"name": "OrderPlaced", "fields": [], "name": "OrderCancelled"}'),
    ),
    "JSON nested duplicate key": Case(
        ["new", "dto", "--context", "c.json"],
        ["type", "twice"],
        context('{"name": "Order", "fields": [{"name": "a", "type": "int", "type": "str"}]}'),
    ),
    "YAML duplicate key": Case(
        ["new", "dto", "--context", "c.yaml"],
        ["name", "twice"],
        context("name: A\nfields: []\nname: B\n", "c.yaml"),
    ),
    "recipe artifacts twice": Case(
        ["new", "--recipe", "r.yaml"],
        ["artifacts", "twice"],
        {
            "r.yaml": (
                b"artifacts:\n- type: dto\n  context: {name: A, fields: [{name: a, type: int}]}\n"
                b"  output: a.py\nartifacts:\n- type: dto\n"
                b"  context: {name: B, fields: [{name: b, type: int}]}\n  output: b.py\n"
            )
        },
    ),
    "YAML no": yaml_context("no"),
    "YAML yes": yaml_context("yes"),
    "YAML on": yaml_context("on"),
    "YAML off": yaml_context("off"),
    "YAML octal 012": yaml_context("012"),
    "YAML hex 0x10": yaml_context("0x10"),
    "YAML sexagesimal": yaml_context("1:30"),
    "YAML alias": Case(
        ["new", "dto", "--context", "c.yaml"],
        ["alias"],
        context("name: &n Order\ndescription: *n\nfields: []\n", "c.yaml"),
    ),
    "YAML alias bomb": Case(
        ["new", "dto", "--context", "c.yaml"], ["alias"], context(ALIAS_BOMB, "c.yaml")
    ),
    "JSON nested too deep": Case(
        ["new", "dto", "--context", "c.json"], ["c.json", "100"], context("[" * 10_000)
    ),
    "JSON deep but closed": Case(
        ["new", "dto", "--context", "c.json"],
        ["c.json", "100"],
        context('{"name": ' + "[" * 200 + "]" * 200 + "}"),
    ),
    "YAML nested too deep": Case(
        ["new", "dto", "--context", "c.yaml"],
        ["c.yaml", "100"],
        context("a: " + "[" * 5_000, "c.yaml"),
    ),
    "TOML nested too deep": Case(
        ["new", "dto", "--context", "c.toml"],
        ["c.toml", "100"],
        context("a = " + "[" * 500 + "]" * 500 + "\n", "c.toml"),
    ),
    "stdin nested too deep": Case(
        ["new", "dto", "--context", "-"], ["standard input", "100"], stdin=b"[" * 10_000
    ),
    "bool as issue number (-s)": Case([*PR_ARGS, "-s", "closes_issues=[true]"], ["closes_issues"]),
    "bool as issue number (YAML)": Case(
        ["new", "pr", "--context", "c.yaml"],
        ["closes_issues"],
        context("title: T\nchanges: [c]\ncloses_issues: [true]\n", "c.yaml"),
    ),
    "bool as test count": Case(
        [
            "new",
            "reference",
            "-s",
            "title=Ref",
            "-s",
            "source_file=a.py",
            "-s",
            "test_file=t.py",
            "-s",
            'api_reference=[{"name":"f","description":"d"}]',
            "-s",
            "test_count=true",
        ],
        ["test_count"],
    ),
    "number as class name": Case(
        ["new", "dto", "--context", "c.json"],
        ["name"],
        context('{"name": 5, "fields": [{"name": "a", "type": "int"}]}'),
    ),
    "context is a list": Case(
        ["new", "dto", "--context", "c.json"], ["c.json", "mapping"], context("[1, 2]")
    ),
    "context broken JSON": Case(
        ["new", "dto", "--context", "c.json"], ["c.json", "JSON"], context('{"name": ')
    ),
    "context missing file": Case(["new", "dto", "--context", "nowhere.json"], ["nowhere.json"]),
    # Bounds
    "context too large": Case(
        ["new", "dto", "--context", "c.json"],
        ["c.json"],
        context(b'{"name": "Order", "description": "' + b"x" * (11 * 2**20) + b'"}'),
    ),
    "huge value in message": Case(
        ["new", "dto", "--context", "c.json"],
        ["name"],
        context(json.dumps({"name": "x" * 1_000_000, "fields": []})),
    ),
    # Output paths
    "newline in -o": Case([*DTO_ARGS, "-o", 'order\nprint("injected")\n#.py'], ["output path"]),
    "tab in -o": Case([*DTO_ARGS, "-o", "order\t.py"], ["output path"]),
    "--> in -o": Case([*DTO_ARGS, "-o", "a-->b.py"], ["-->"]),
    "-o .": Case([*DTO_ARGS, "-o", "."], ["output path"]),
    "-o empty": Case([*DTO_ARGS, "-o", ""], ["output path"]),
    "-o absolute": Case([*DTO_ARGS, "-o", "/tmp/order.py"], ["/tmp/order.py"]),
    "-o parent": Case([*DTO_ARGS, "-o", "../order.py"], [".."]),
    "-o parent is a file": Case(
        [*DTO_ARGS, "-o", "models/order.py"], ["models"], files={"models": b"not a folder\n"}
    ),
    "-o name too long": Case([*DTO_ARGS, "-o", "o" * 300 + ".py"], ["the file system allows"]),
    "-o name too long with its temporary name": Case(
        [*DTO_ARGS, "-o", "o" * 250 + ".py"], ["the file system allows"]
    ),
    "-o through a symlink out": Case(
        [*DTO_ARGS, "-o", "out/order.py"], ["out"], links={"out": "/tmp"}
    ),
    "-o existing file": Case(
        [*DTO_ARGS, "-o", "order.py"], ["order.py", "--force"], files={"order.py": b"x = 1\n"}
    ),
    "recipe output newline": Case(
        ["new", "--recipe", "r.json"],
        ["artifact 1"],
        {"r.json": recipe(dto_step("Order", "a\nb.py"))},
    ),
    "recipe same file twice": Case(
        ["new", "--recipe", "r.json"],
        ["also written by"],
        {"r.json": recipe(dto_step("A", "a.py"), dto_step("B", "a.py"))},
    ),
    "recipe same file through a symlink": Case(
        ["new", "--force", "--recipe", "r.json"],
        ["also written by"],
        {"r.json": recipe(dto_step("A", "src/models/o.py"), dto_step("B", "src/current/o.py"))},
        folders=["src/models"],
        links={"src/current": "models"},
    ),
    "-o through a symlink loop": Case(
        [*DTO_ARGS, "-o", "loop1/order.py"], ["loop1/order.py", "loop"], links=LOOP
    ),
    "-o a symlink loop": Case([*DTO_ARGS, "-o", "loop1"], ["loop1", "symbolic link"], links=LOOP),
    "pattern through a symlink loop": Case(
        DTO_ARGS,
        ["loop1/Order.py", "loop"],
        settings('[tool.scaffold.output_paths]\ndto = "loop1/{name}.py"\n'),
        links=LOOP,
    ),
    "-o dangling symlink": Case(
        [*DTO_ARGS, "-o", "dangling.py"], ["'dangling.py'", "symbolic link"], links=DANGLING
    ),
    "-o dangling symlink --force": Case(
        [*DTO_ARGS, "--force", "-o", "dangling.py"], ["'dangling.py'", "link"], links=DANGLING
    ),
    "-o .. (a folder)": Case([*DTO_ARGS, "-o", ".."], ["output path '..' contains '..'"]),
    "-o trailing space": Case([*DTO_ARGS, "-o", "order.py "], ["'order.py '", "space"]),
    "-o leading space": Case([*DTO_ARGS, "-o", " order.py"], ["' order.py'", "space"]),
    "-o trailing dot": Case([*DTO_ARGS, "-o", "order.py."], ["'order.py.'", "dot"]),
    "-o into .git": Case([*DTO_ARGS, "-o", ".git/hooks/x.py"], [".git"], folders=[".git/hooks"]),
    "-o .git folder": Case([*DTO_ARGS, "-o", ".git"], ["'.git'"], folders=[".git"]),
    "-o journal name": Case(
        [*DTO_ARGS, "-o", ".scaffold-journal.notes.md"], [".scaffold-journal.", "reserved"]
    ),
    "recipe file and folder at one name": Case(
        ["new", "--recipe", "r.json"],
        ["needs q.py as a folder", "artifact 1"],
        {"r.json": recipe(dto_step("A", "q.py"), dto_step("B", "q.py/x.py"))},
    ),
    "recipe folder and file at one name --force": Case(
        ["new", "--force", "--recipe", "r.json"],
        ["needs q as a folder", "artifact 2"],
        {"r.json": recipe(dto_step("A", "q/x.py"), dto_step("B", "q"))},
    ),
    "recipe output not text": Case(
        ["new", "--recipe", "r.json"],
        ["output"],
        {"r.json": recipe({**dto_step("A", "a.py"), "output": 5})},
    ),
    "recipe unknown key": Case(
        ["new", "--recipe", "r.json"],
        ["outptu"],
        {"r.json": recipe({**dto_step("A", "a.py"), "outptu": "x"})},
    ),
    "recipe without artifacts": Case(
        ["new", "--recipe", "r.json"], ["artifacts"], {"r.json": b'{"steps": []}'}
    ),
    # Project settings in pyproject.toml
    "settings not a table": Case(DTO_ARGS, ["scaffold"], settings("[tool]\nscaffold = 3\n")),
    "settings unknown key": Case(
        DTO_ARGS, ["output_path"], settings("[tool.scaffold]\noutput_path = {}\n")
    ),
    "settings unknown type id": Case(
        DTO_ARGS, ["dtos"], settings('[tool.scaffold.output_paths]\ndtos = "src/{name}.py"\n')
    ),
    "settings pattern not text": Case(
        DTO_ARGS, ["dto"], settings("[tool.scaffold.output_paths]\ndto = 5\n")
    ),
    "pattern conversion !r": Case(
        DTO_ARGS, ["!r"], settings('[tool.scaffold.output_paths]\ndto = "src/{name!r}.py"\n')
    ),
    "pattern attribute access": Case(
        DTO_ARGS,
        ["__class__"],
        settings('[tool.scaffold.output_paths]\ndto = "src/{name.__class__}.py"\n'),
    ),
    "pattern index": Case(
        DTO_ARGS, ["name[0]"], settings('[tool.scaffold.output_paths]\ndto = "src/{name[0]}.py"\n')
    ),
    "pattern format spec": Case(
        DTO_ARGS, [">20"], settings('[tool.scaffold.output_paths]\ndto = "src/{name:>20}.py"\n')
    ),
    "pattern list field": Case(
        DTO_ARGS, ["fields"], settings('[tool.scaffold.output_paths]\ndto = "src/{fields}.py"\n')
    ),
    "pattern unknown field": Case(
        DTO_ARGS,
        ["layer"],
        settings('[tool.scaffold.output_paths]\ndto = "src/{layer}/{name}.py"\n'),
    ),
    "pyproject broken TOML": Case(DTO_ARGS, ["pyproject.toml"], {"pyproject.toml": b"[tool\n"}),
    "-C missing folder": Case(["-C", "nowhere", *DTO_ARGS], ["nowhere"]),
    # The command line
    "unknown type": Case(["new", "dtoo"], ["dtoo"]),
    "-s without =": Case(["new", "dto", "-s", "name"], ["-s"]),
    "-s unknown field": Case([*DTO_ARGS, "-s", "nmae=x"], ["nmae"]),
    "-s broken JSON": Case(["new", "dto", "-s", "name=Order", "-s", "fields=[{"], ["fields"]),
    "missing required field": Case(["new", "dto", "-s", "name=Order"], ["fields"]),
    "recipe with TYPE": Case(
        ["new", "dto", "--recipe", "r.json"], ["--recipe"], {"r.json": recipe()}
    ),
    "recipe misspelt artifacts": Case(
        ["new", "--recipe", "r.json"],
        ["artifcats", "did you mean 'artifacts'"],
        {
            "r.json": json.dumps(
                {"artifacts": [dto_step("A", "a.py")], "artifcats": [dto_step("B", "b.py")]}
            ).encode()
        },
    ),
    "recipe not a mapping": Case(
        ["new", "--recipe", "r.json"], ["a mapping with 'artifacts'"], {"r.json": b"[]"}
    ),
    "--context empty path": Case(["new", "dto", "--context", ""], ["--context", "empty path"]),
    "-o given twice": Case([*DTO_ARGS, "-o", "a.py", "-o", "b.py"], ["-o", "given twice"]),
    "-s same field twice": Case(
        [*DTO_ARGS, "-s", "frozen=true", "-s", "frozen=false"], ["frozen", "given twice"]
    ),
    "-s NaN": Case([*DTO_ARGS, "-s", "examples=[NaN]"], ["NaN is not a JSON number"]),
    "-s too deep by one": Case(
        [*DTO_ARGS, "-s", "examples=" + "[" * 100 + "]" * 100], ["examples", "nested deeper"]
    ),
    "context empty": Case(["new", "dto", "--context", "c.json"], ["empty"], context(b" \n")),
    "stdin empty": Case(["new", "dto", "--context", "-"], ["standard input", "empty"]),
    "context UTF-32": Case(
        ["new", "dto", "--context", "c.json"],
        ["c.json", "UTF-32"],
        context(DTO_JSON.decode().encode("utf-32")),
    ),
    "YAML key not text": Case(
        ["new", "dto", "--context", "c.yaml"],
        ["key true", "must be text"],
        context("name: Order\ntrue: a\n1: b\n", "c.yaml"),
    ),
}


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root``: a file's bytes, a link's target, ``"dir"`` for a folder."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = f"-> {path.readlink()}"
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = path.read_bytes()
    return found


def test_the_corpus_covers_every_kind():
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_input_is_refused_cleanly(name, tmp_path):
    case = CASES[name]
    project = tmp_path / "project"
    project.mkdir()
    for folder in case.folders:
        (project / folder).mkdir(parents=True)
    for path, content in {"pyproject.toml": PYPROJECT, **case.files}.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(content)
    for link, target in case.links.items():
        (project / link).symlink_to(target)
    before = snapshot(project)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [SCAFFOLD, *(os.fsencode(arg) if isinstance(arg, str) else arg for arg in case.args)],
        cwd=project,
        env=env,
        input=case.stdin,
        capture_output=True,
        check=False,
        timeout=60,
    )
    report = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == 2, report
    assert "Traceback" not in report
    assert "error:" in report, report
    for named in case.names:
        assert named in report, (named, report)
    assert len(report) < 5_000, report[:500]
    assert snapshot(project) == before
