"""The property-based proof of scaffold's promise, over every discovered artifact type.

The promise: valid input gives valid output, invalid input gives a user error naming the
field, and nothing else happens. For each installed type (discovered, never listed, so a new
plugin is covered without new code) this module

- generates contexts: from the type's exported JSON Schema (hypothesis-jsonschema) and by
  mutating the type's examples (``contexts``);
- judges each one (``Judge``): rendered through ``ArtifactManager.render`` (v2, a fixed
  clock, no extensions), then its output checked (``python_findings``, ``markdown_findings``,
  ``text_findings``), into one of five outcomes (``Verdict``);
- shrinks a failing context to a small reproducer (``shrink``).

Subprocesses are batched: ruff and the import check run once per batch of outputs, so that
thousands of contexts per type stay fast. ``tests/test_fuzz.py`` runs a fixed-seed slice,
``scripts/fuzz.py`` (``make fuzz``) the full run.
"""

import copy
import itertools
import json
import keyword
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal, TypeVar

import jsonschema
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from scaffold_core import (
    ArtifactManager,
    ArtifactRegistry,
    ArtifactType,
    InvalidInput,
    PluginHooks,
    ScaffoldError,
    UserError,
)

T = TypeVar("T")
Outcome = Literal["valid", "rejected", "crash", "invalid", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("valid", "rejected", "crash", "invalid", "refused")
FAILURES: tuple[Outcome, ...] = ("crash", "invalid", "refused")
FIXED_TIME = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
RUFF = str(Path(sys.executable).with_name("ruff"))
IMPORT_CHECK = Path(__file__).with_name("import_check.py")
WHOLE_INPUT = "(whole input)"
SCHEMA_LIST_SIZE = 4

# Every character str.splitlines() breaks on, LF included.
LINE_BREAKS = ("\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
CONTROL_CHARACTERS = tuple(chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)])
# Edge values by kind; each kind is drawn as often as any other, whatever its size.
EDGE_VALUES: dict[str, tuple[str, ...]] = {
    "quotes and backslashes": (
        "'", '"', "\\", '"""', "'''", 'say """hi"""', "\\n", "a\\", "it's", '"quoted"',
    ),
    "Jinja syntax": (
        "{{ x }}", "{% if x %}", "{% endif %}", "{#", "#}", "{{", "}}", "{%", "%}",
        "{% raw %}", "{{ '}}' }}",
    ),
    "control characters": CONTROL_CHARACTERS,
    "line breaks": (*LINE_BREAKS, "\r\n", "a\nb", "a\r\nb", "a\u2028b"),
    "NUL": ("\x00", "a\x00b"),
    "non-ASCII": ("é", "Ä", "ß", "日本語", "🎉", "\u200b", "\ufeff", "İ", "ǅ", "Ω", "名前"),
    "Markdown structure": (
        "# heading", "## Goals", "### x", "===", "---", "- item", "* item", "1. item",
        "| a | b |", "```", "~~~", "<!-- x -->", "> quote", "\\#", "None", "null",
    ),
    "blank": ("", " ", "  ", "\t", " leading", "trailing ", "a  b"),
    "keywords": (*keyword.kwlist, *keyword.softkwlist, "match", "case", "type", "_"),
    "builtins": ("list", "str", "id", "type", "int", "dict", "object", "print", "len", "input"),
    "dunders and underscores": (
        "__init__", "__class__", "__dict__", "__call__", "__name__", "__slots__", "_private",
        "__mangled", "_1", "_",
    ),
    "ambiguous names": ("l", "I", "O"),
    "names generated code uses": (
        "BaseModel", "Field", "ConfigDict", "Any", "Self", "pytest", "date", "datetime",
        "Decimal", "UUID", "model_config", "model_fields", "self", "cls", "logger",
    ),
    "name shapes": ("x1", "X", "a_b", "ABC", "camelCase", "snake_case", "Pascal_Snake", "a.b"),
    "long values": (
        "a" * 250,
        "x_" * 120 + "x",
        "Long" * 60,
        " ".join(["word"] * 60),
        "a.b." * 60 + "c",
        "Order total in the customer's currency, including tax and shipping, " * 4,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One thing wrong: ``kind`` is a stable category (``ruff F811``, ``import TypeError``,
    ``markdown injected heading``...), ``detail`` the particulars."""

    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


@dataclass(frozen=True)
class Verdict:
    """What one context gave.

    ``valid``: accepted, output good. ``rejected``: a user error whose every problem names a
    field. ``crash``: any other exception, or a user error naming no field. ``invalid``:
    accepted, output bad. ``refused``: accepted, but the core refused its own output as a
    template bug. ``findings`` say what was wrong (empty for ``valid`` and ``rejected``).
    ``companions`` are the other files of a multi-file artifact: ``(template, extension,
    content)`` each; ``content`` is the main file's.
    """

    outcome: Outcome
    findings: tuple[Finding, ...] = ()
    content: str | None = None
    message: str = ""
    companions: tuple[tuple[str, str, str], ...] = ()

    @property
    def failed(self) -> bool:
        """Whether this verdict breaks the promise."""
        return self.outcome in FAILURES

    def kinds(self) -> set[str]:
        """The distinct finding kinds, each prefixed with the outcome."""
        return {f"{self.outcome}: {finding.kind}" for finding in self.findings}


# --- discovery ------------------------------------------------------------------------------


def discovered_types(registry: ArtifactRegistry | None = None) -> list[ArtifactType]:
    """Every usable artifact type of ``registry`` (default: the installed plugins)."""
    registry = registry or ArtifactRegistry()
    return [outcome for outcome in registry.inspect_all() if isinstance(outcome, ArtifactType)]


# --- strategies -----------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def schema_contexts(artifact: ArtifactType) -> st.SearchStrategy[dict[str, Any]]:
    """Contexts drawn from the type's exported JSON Schema (what an editor would accept)."""
    schema = artifact.json_schema()
    return _from_schema(schema, schema, {})


# The JSON Schema keywords that decide which instances are valid (2020-12, less the
# reference keywords, handled apart); titles, descriptions, examples, defaults and a
# plugin's own keys ("section", "column") decide nothing.
_ASSERTIONS = frozenset(
    {
        "type", "enum", "const", "format", "multipleOf", "maximum", "exclusiveMaximum",
        "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
        "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
        "minProperties", "required", "dependentRequired", "properties", "patternProperties",
        "additionalProperties", "propertyNames", "items", "prefixItems", "contains", "allOf",
        "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
        "unevaluatedItems", "unevaluatedProperties",
    }
)  # fmt: skip


def _from_schema(
    node: dict[str, Any], root: dict[str, Any], leaves: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[Any]:
    """A strategy for the instances of ``node``, built once.

    hypothesis-jsonschema builds the strategy of every property again on each draw of an
    object (seconds per context for a list of models with patterns), so the objects, arrays,
    unions and references pydantic emits are translated here and only the leaves are
    handed to it (each leaf once). Anything else goes to it whole.
    """
    keywords = _ASSERTIONS.intersection(node)
    if "$ref" in node and not keywords:
        return st.deferred(lambda: _from_schema(_resolved(node, root), root, leaves))
    if keywords == {"anyOf"}:
        return st.one_of([_from_schema(option, root, leaves) for option in node["anyOf"]])
    if node.get("type") == "object" and node.get("additionalProperties", False) is False:
        return _object_strategy(node, keywords, root, leaves)
    if node.get("type") == "array" and keywords <= {
        "type", "items", "minItems", "maxItems", "uniqueItems",
    }:  # fmt: skip
        low = node.get("minItems", 0)
        return st.lists(
            _from_schema(node.get("items", {}), root, leaves),
            min_size=low,
            # Long lists come from the mutations; here they would only cost time.
            max_size=min(node.get("maxItems", SCHEMA_LIST_SIZE), max(low, SCHEMA_LIST_SIZE)),
            unique_by=(lambda item: json.dumps(item, sort_keys=True))
            if node.get("uniqueItems")
            else None,
        )
    if node.get("type") == "string" and "pattern" in node and keywords <= {
        "type", "pattern", "minLength", "maxLength",
    }:  # fmt: skip
        return _pattern_strategy(node)
    leaf = {key: value for key, value in node.items() if key in keywords or key == "$ref"}
    if "$defs" in root and "$ref" in json.dumps(leaf):
        leaf["$defs"] = root["$defs"]
    key = json.dumps(leaf, sort_keys=True)
    if key not in leaves:
        leaves[key] = from_schema(leaf)
    return leaves[key]


def _pattern_strategy(node: dict[str, Any]) -> st.SearchStrategy[str]:
    """Strings of a ``pattern`` (and length bounds) schema.

    hypothesis-jsonschema pads a match at both ends and filters; a pattern anchored by a
    lookahead ("(?![\\s\\S])") rejects most padded strings, so draw whole matches, and,
    more often and far faster, the edge values the pattern lets through. A pattern made of
    lookaheads only matches no whole string: pad its (empty) match instead.
    """
    low, high = node.get("minLength", 0), node.get("maxLength", sys.maxsize)
    pattern = re.compile(node["pattern"])
    edges = [
        value
        for values in EDGE_VALUES.values()
        for value in values
        if low <= len(value) <= high and pattern.search(value)
    ]
    whole = any(pattern.fullmatch(value) for value in edges)
    matches = st.from_regex(pattern, fullmatch=whole).filter(lambda text: low <= len(text) <= high)
    if not edges:
        return matches
    # A regex draw takes about 10 ms: a quarter of the values is plenty.
    edge = st.sampled_from(edges)
    return st.one_of(edge, edge, edge, matches)


_OBJECT_KEYWORDS = frozenset(
    {"type", "properties", "required", "additionalProperties", "patternProperties"}
)


def _object_strategy(
    node: dict[str, Any],
    keywords: set[str],
    root: dict[str, Any],
    leaves: dict[str, st.SearchStrategy[Any]],
) -> st.SearchStrategy[dict[str, Any]]:
    """Objects of ``node``: its properties, at most one key per ``patternProperties``
    pattern, and any other keyword (``if``/``then``, ``not``...) checked by ``jsonschema``."""
    properties = {
        name: _from_schema(item, root, leaves) for name, item in node.get("properties", {}).items()
    }
    required = set(node.get("required", []))
    parts = [
        st.fixed_dictionaries(
            {name: value for name, value in properties.items() if name in required},
            optional={name: value for name, value in properties.items() if name not in required},
        ),
        *(
            st.dictionaries(
                st.from_regex(pattern, fullmatch=True).filter(lambda key: key not in properties),
                _from_schema(item, root, leaves),
                max_size=1,
            )
            for pattern, item in node.get("patternProperties", {}).items()
        ),
    ]
    objects = st.tuples(*parts).map(lambda dicts: {k: v for d in dicts for k, v in d.items()})
    rest = {key: node[key] for key in keywords - _OBJECT_KEYWORDS}
    if not rest:
        return objects
    checked = {**rest, "$defs": root.get("$defs", {})}
    validator = jsonschema.validators.validator_for(root)(checked)
    return objects.filter(validator.is_valid)


def example_mutations(artifact: ArtifactType) -> st.SearchStrategy[dict[str, Any]]:
    """The type's examples, each with one to three mutations at any depth.

    Raises ``ValueError`` when the type declares no example.
    """
    examples = artifact.examples()
    if not examples:
        raise ValueError(f"artifact type '{artifact.artifact_id}' declares no example")
    return _mutated(examples, artifact.json_schema())


def contexts(artifact: ArtifactType) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(source, context)`` pairs: ``schema`` or ``mutation`` contexts, mixed."""
    sources = [st.tuples(st.just("schema"), schema_contexts(artifact))]
    if artifact.examples():
        mutation = st.tuples(st.just("mutation"), example_mutations(artifact))
        # Mutations reach the edges far more often than random schema instances do.
        sources = [*sources, mutation, mutation]
    return st.one_of(sources)


def nasty_strings(original: str) -> st.SearchStrategy[str]:
    """Replacements for one string value: an edge value alone (most often), spliced into the
    original, the original repeated past 200 characters, or any short text."""
    edge = st.one_of([st.sampled_from(values) for values in EDGE_VALUES.values()])
    spliced = st.builds(
        lambda at, inserted: original[:at] + inserted + original[at:],
        st.integers(0, len(original)),
        edge,
    )
    repeated = st.just((original or "a") * (1 + 250 // max(1, len(original))))
    return st.one_of(edge, edge, spliced, repeated, st.text(max_size=12))


@st.composite
def _mutated(
    draw: st.DrawFn, examples: list[dict[str, Any]], schema: dict[str, Any]
) -> dict[str, Any]:
    context = copy.deepcopy(draw(st.sampled_from(examples)))
    for _ in range(draw(st.integers(1, 3))):
        context = draw(_mutation(context, schema))
    return context


@st.composite
def _mutation(draw: st.DrawFn, context: dict[str, Any], schema: dict[str, Any]) -> Any:
    sites = list(_sites(context, schema, schema, ()))
    if not sites:
        return context
    operations = sorted({site.operation for site in sites})
    # Edge values in strings find the most; the other operations change the shape.
    if "replace string" in operations:
        operations += ["replace string"] * 2
    operation = draw(st.sampled_from(operations))
    site = draw(st.sampled_from([site for site in sites if site.operation == operation]))
    mutated = copy.deepcopy(context)
    parent = _at(mutated, site.path[:-1]) if site.path else None
    key = site.path[-1] if site.path else None
    target = _at(mutated, site.path)
    if operation == "replace string":
        parent[key] = draw(nasty_strings(target))
    elif operation == "drop key":
        del target[site.detail]
    elif operation == "add key":
        target[site.detail] = draw(_value_for(site.schema or {}, schema))
    elif operation == "duplicate item":
        index = draw(st.integers(0, len(target) - 1))
        target.insert(index, copy.deepcopy(target[index]))
    elif operation == "insert item":
        index = draw(st.integers(0, len(target)))
        template = target[draw(st.integers(0, len(target) - 1))] if target else "x"
        target.insert(index, draw(_variant(template)))
    elif operation == "long list":
        count = draw(st.integers(20, 60))
        items = list(target)
        target.extend(_numbered(items[index % len(items)], index) for index in range(count))
    elif operation == "empty list":
        target.clear()
    return mutated


@dataclass(frozen=True)
class _Site:
    """One place a mutation can act on."""

    operation: str
    path: Path_
    detail: str = ""
    schema: dict[str, Any] | None = field(default=None, compare=False)


def _sites(
    value: Any, node: dict[str, Any] | None, root: dict[str, Any], path: Path_
) -> Iterator[_Site]:
    if isinstance(value, str) and path:
        yield _Site("replace string", path)
    elif isinstance(value, list):
        item_schema = _items_schema(node, root)
        if value:
            yield _Site("duplicate item", path)
            yield _Site("long list", path)
            yield _Site("empty list", path)
        yield _Site("insert item", path)
        for index, item in enumerate(value):
            yield from _sites(item, item_schema, root, (*path, index))
    elif isinstance(value, dict):
        properties, required = _object_schema(node, root)
        for key, item in value.items():
            if key not in required:
                yield _Site("drop key", path, key)
            yield from _sites(item, properties.get(key), root, (*path, key))
        for key, property_schema in properties.items():
            if key not in value and _accepts_text(property_schema, root):
                yield _Site("add key", path, key, property_schema)


def _at(value: Any, path: Path_) -> Any:
    for part in path:
        value = value[part]
    return value


def _resolved(node: dict[str, Any] | None, root: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` followed (within the document)."""
    while node is not None and "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node or {}


def _variants(node: dict[str, Any] | None, root: dict[str, Any]) -> list[dict[str, Any]]:
    node = _resolved(node, root)
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        return [_resolved(alternative, root) for alternative in alternatives]
    return [node]


def _object_schema(
    node: dict[str, Any] | None, root: dict[str, Any]
) -> tuple[dict[str, Any], set[str]]:
    for variant in _variants(node, root):
        if "properties" in variant:
            return variant["properties"], set(variant.get("required", []))
    return {}, set()


def _items_schema(node: dict[str, Any] | None, root: dict[str, Any]) -> dict[str, Any] | None:
    for variant in _variants(node, root):
        if isinstance(variant.get("items"), dict):
            return dict(variant["items"])
    return None


def _accepts_text(node: dict[str, Any], root: dict[str, Any]) -> bool:
    """Whether the property takes a string or a list of strings (what ``add key`` adds)."""
    for variant in _variants(node, root):
        if variant.get("type") == "string":
            return True
        items = _items_schema(variant, root)
        if variant.get("type") == "array" and items and _resolved(items, root).get("type"):
            return _resolved(items, root)["type"] == "string"
    return False


def _value_for(node: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    if any(variant.get("type") == "string" for variant in _variants(node, root)):
        return nasty_strings("")
    return st.lists(nasty_strings(""), min_size=1, max_size=3)


def _variant(template: Any) -> st.SearchStrategy[Any]:
    """A new list item shaped like ``template``: one of its strings replaced."""
    if isinstance(template, str):
        return nasty_strings(template)
    strings = [
        site.path
        for site in _sites(template, None, {}, ())
        if site.operation == ("replace string")
    ]
    if not strings:
        return st.just(copy.deepcopy(template))

    def replaced(where: Path_, text: str) -> Any:
        item = copy.deepcopy(template)
        _at(item, where[:-1])[where[-1]] = text
        return item

    return st.sampled_from(strings).flatmap(
        lambda where: nasty_strings(_at(template, where)).map(lambda text: replaced(where, text))
    )


def _numbered(template: Any, number: int) -> Any:
    """A copy of ``template`` whose first string ends in ``number``, so that items differ."""
    if isinstance(template, str):
        return f"{template}{number}"
    item = copy.deepcopy(template)
    strings = [
        site.path for site in _sites(item, None, {}, ()) if site.operation == ("replace string")
    ]
    if strings:
        where = strings[0]
        _at(item, where[:-1])[where[-1]] = f"{_at(item, where)}{number}"
    return item


def draw_contexts(
    artifact: ArtifactType, count: int, *, seed: int | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """``count`` ``(source, context)`` pairs for ``artifact``; the same ones for one ``seed``.

    ``seed=None`` draws new ones each call.
    """
    return draw(contexts(artifact), count, seed=seed)


def draw(strategy: st.SearchStrategy[T], count: int, *, seed: int | None = None) -> list[T]:
    """``count`` values of ``strategy`` (each a copy), the same ones for one ``seed``.

    Generation only: the values are judged in batches afterwards, so Hypothesis does not
    shrink them (``shrink`` does, for the failures).
    """
    drawn: list[T] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: T) -> None:
        drawn.append(copy.deepcopy(value))

    if seed is not None:
        collect = hypothesis_seed(seed)(collect)
    collect()
    return drawn


# --- output checks --------------------------------------------------------------------------


def python_findings(
    sources: Mapping[str, str], folder: Path, *, imports: bool = True
) -> dict[str, list[Finding]]:
    """What is wrong with each generated module, by name; one ruff run per check.

    ``sources`` maps a module name (an identifier) to its text. Each must compile, pass
    ``ruff check --isolated --select E,F,I,W --ignore E501``, be unchanged by ``ruff format
    --isolated`` and, unless ``imports`` is false, import (``tests/import_check.py``: the
    user's own modules are stood in for). The files are written into ``folder``, which must
    be empty.
    """
    findings: dict[str, list[Finding]] = {name: [] for name in sources}
    compiled: dict[str, Path] = {}
    for name, source in sources.items():
        try:
            compile(source, f"{name}.py", "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as error:
            findings[name].append(Finding("compile", f"{type(error).__name__}: {error}"))
            continue
        path = folder / f"{name}.py"
        path.write_text(source, encoding="utf-8", newline="")
        compiled[path.name] = path
    if not compiled:
        return findings
    imported = _imports(folder) if imports else []
    for file_name, finding in [*_ruff_check(folder), *_ruff_format(folder), *imported]:
        findings[file_name.removesuffix(".py")].append(finding)
    return findings


def _ruff_check(folder: Path) -> list[tuple[str, Finding]]:
    check = subprocess.run(
        [RUFF, "check", "--isolated", "--no-cache", "--select", "E,F,I,W", "--ignore", "E501",
         "--output-format", "json", "--exit-zero", "."],
        cwd=folder, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [
        (
            Path(item["filename"]).name,
            Finding(f"ruff {item['code']}", f"line {item['location']['row']}: {item['message']}"),
        )
        for item in json.loads(check.stdout or "[]")
    ]


def _ruff_format(folder: Path) -> list[tuple[str, Finding]]:
    formatted = subprocess.run(
        [RUFF, "format", "--isolated", "--no-cache", "--diff", "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if formatted.returncode not in (0, 1):
        raise RuntimeError(f"ruff format failed: {formatted.stderr}")
    found: list[tuple[str, Finding]] = []
    for diff in re.split(r"^(?=--- )", formatted.stdout, flags=re.MULTILINE):
        header = re.match(r"--- (\S+)", diff)
        if header:
            found.append((Path(header.group(1)).name, Finding("ruff format", diff.strip())))
    return found


def _imports(folder: Path) -> list[tuple[str, Finding]]:
    report = folder / "imports.json"
    result = subprocess.run(
        [sys.executable, str(IMPORT_CHECK), str(folder), str(report)],
        cwd=folder, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"the import check failed: {result.stderr}")
    failures: dict[str, str] = json.loads(report.read_text(encoding="utf-8"))
    return [
        (name, Finding(f"import {problem.partition(':')[0]}", problem))
        for name, problem in failures.items()
    ]


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r" {0,3}(?:[#>|`~<*+-]|\d+[.)])")


def markdown_findings(
    content: str, context: object, template_headings: Collection[str] = ()
) -> list[Finding]:
    """What is wrong with a generated Markdown document (header comment included).

    Exactly one ``# `` title, and it is the first heading; no heading without text or
    without content before the next heading of its level; no heading taken from the input:
    an ATX heading line that is a line of an input string, unless it is one of the
    ``template_headings`` (lines the template writes itself, see ``Judge.template_headings``)
    and appears once; any setext heading (the templates write ATX headings only). Plus
    ``text_findings``. Fenced code is skipped.
    """
    findings = text_findings(content, context)
    lines = _outside_fences(content.split("\n"))
    headings = _headings(lines)
    titles = [index for index, match in headings if match.group(1) == "#"]
    if len(titles) != 1 or headings[0][0] != titles[0]:
        shown = [lines[index] for index in titles]
        findings.append(Finding("markdown title", f"expected one '# ' title first, got {shown}"))
    input_lines = {line.strip() for text in _strings(context) for line in text.splitlines()}
    heading_lines = [lines[index].strip() for index, _ in headings]
    for position, (index, match) in enumerate(headings):
        level = len(match.group(1))
        if not (match.group(2) or "").strip():
            findings.append(Finding("markdown empty heading", repr(lines[index])))
        elif _no_content(lines, index, headings[position + 1 :], level):
            findings.append(Finding("markdown empty section", repr(lines[index])))
        line = lines[index].strip()
        if line in input_lines and (
            line not in template_headings or heading_lines.count(line) > 1
        ):
            findings.append(Finding("markdown injected heading", repr(lines[index])))
    for index in range(1, len(lines)):
        previous = lines[index - 1]
        if _SETEXT.match(lines[index]) and previous.strip() and not _NOT_PARAGRAPH.match(previous):
            findings.append(
                Finding("markdown injected heading", f"setext: {previous!r} / {lines[index]!r}")
            )
    return findings


def _headings(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    """The ATX heading lines: (index, match) with the level and the text."""
    found = [(index, _ATX.match(line)) for index, line in enumerate(lines)]
    return [(index, match) for index, match in found if match]


def _outside_fences(lines: list[str]) -> list[str]:
    """The lines, each line inside a fenced code block blanked (so indices stay)."""
    kept: list[str] = []
    fence: str | None = None
    for line in lines:
        marker = _FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)
            kept.append("```")
        elif fence is not None:
            if marker and marker.group(1).startswith(fence[0] * len(fence)):
                fence = None
            kept.append("")
        else:
            kept.append(line)
    return kept


def _no_content(
    lines: list[str], index: int, later: list[tuple[int, re.Match[str]]], level: int
) -> bool:
    """Nothing but blank lines between the heading and the next one of its level or higher.

    A heading directly followed by a deeper heading has content (its subsections).
    """
    if later and len(later[0][1].group(1)) > level:
        return False
    end = later[0][0] if later else len(lines)
    return not any(line.strip() for line in lines[index + 1 : end])


def text_findings(content: str, context: object) -> list[Finding]:
    """What is wrong with any generated text: line breaks other than LF, NUL, trailing
    spaces or tabs, no single final newline, a literal ``None`` the input did not have."""
    findings: list[Finding] = []
    breaks = sorted({repr(char) for char in content if char in LINE_BREAKS[1:]})
    if breaks:
        findings.append(Finding("text line break other than LF", ", ".join(breaks)))
    if "\x00" in content:
        findings.append(Finding("text NUL", ""))
    lines = content.split("\n")
    trailing = [number for number, line in enumerate(lines, 1) if line.endswith((" ", "\t"))]
    if trailing:
        findings.append(Finding("text trailing whitespace", f"lines {trailing[:5]}"))
    if not content.endswith("\n") or content.endswith("\n\n"):
        findings.append(Finding("text final newline", repr(content[-20:])))
    if re.search(r"\bNone\b", content) and not any("None" in text for text in _strings(context)):
        findings.append(Finding("text literal None", ""))
    return findings


def _strings(value: object) -> Iterator[str]:
    """Every string in a JSON value: keys and leaves."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


# --- verdicts -------------------------------------------------------------------------------


def names_a_field(problem_location: str, message: str, context: object, fields: set[str]) -> bool:
    """Whether one problem of a rejection tells the user which field is wrong.

    It has a location in the input (``fields.0.name``, or an unknown key), or, for a rule
    over the whole input, its message names a field of the type (``fields``, as a whole
    word) or quotes a value of the input (``setting 'date' shadows...``).
    """
    if problem_location != WHOLE_INPUT:
        return True
    words = set(re.findall(r"\w+", message))
    if words & fields:
        return True
    return any(
        f"'{text}'" in message or f'"{text}"' in message
        for text in _strings(context)
        if text.strip()
    )


def _rejection(artifact: ArtifactType, context: object, error: InvalidInput) -> Verdict:
    """``rejected`` when every problem names a field, else ``crash``."""
    fields = set(artifact.field_types())
    unnamed = [
        problem
        for problem in error.problems
        if not names_a_field(problem.location, problem.expected, context, fields)
    ]
    if unnamed:
        detail = "; ".join(str(problem) for problem in unnamed)
        return Verdict("crash", (Finding("user error naming no field", detail),))
    return Verdict("rejected", message=str(error))


def _crash(error: Exception) -> Finding:
    """The finding for an exception other than ``InvalidInput``."""
    if isinstance(error, UserError):
        return Finding(f"user error naming no field ({type(error).__name__})", str(error))
    if isinstance(error, ScaffoldError):
        return Finding(type(error).__name__, str(error))
    return Finding(type(error).__name__, repr(error))


class Judge:
    """Renders contexts of one or more types and judges them, a batch at a time.

    ``workdir`` is an empty folder the judge may fill (a project and one folder per batch);
    ``registry`` defaults to the installed plugins. No ``scaffold.plugins`` extension runs,
    so a verdict is the plugin's and the core's alone.
    """

    def __init__(self, workdir: Path, registry: ArtifactRegistry | None = None) -> None:
        self.workdir = workdir
        project = workdir / "project"
        project.mkdir(parents=True, exist_ok=True)
        (project / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "0.1.0"\n')
        self.registry = registry or ArtifactRegistry()
        self.manager = ArtifactManager(
            project, registry=self.registry, hooks=PluginHooks([]), clock=lambda: FIXED_TIME
        )
        self._batches = 0
        self._headings: dict[str, frozenset[str]] = {}

    def judge(self, artifact: ArtifactType, batch: Sequence[object]) -> list[Verdict]:
        """One verdict per context of ``batch``, in order."""
        verdicts: list[Verdict | None] = [self._render(artifact, context) for context in batch]
        accepted = {
            index: verdict.content
            for index, verdict in enumerate(verdicts)
            if verdict is not None and verdict.outcome == "valid" and verdict.content is not None
        }
        found = self.output_findings(artifact, batch, accepted)
        companions = {
            index: verdict.companions
            for index, verdict in enumerate(verdicts)
            if verdict is not None and index in accepted and verdict.companions
        }
        for index, findings in self.companion_findings(artifact, batch, companions).items():
            found.setdefault(index, []).extend(findings)
        for index, findings in found.items():
            if findings:
                verdicts[index] = Verdict("invalid", tuple(findings), accepted[index])
        return [verdict for verdict in verdicts if verdict is not None]

    def _render(self, artifact: ArtifactType, context: object) -> Verdict:
        output = f"out.{artifact.extension}" if artifact.kind == "persistent" else None
        try:
            rendering = self.manager.render(
                artifact.artifact_id, context, output_path=output, pipeline="v2"
            )
        except InvalidInput as error:
            return _rejection(artifact, context, error)
        except Exception as error:  # noqa: BLE001 -- any other exception is what we look for
            return Verdict("crash", (_crash(error),))
        problems = [problem for file in rendering.files for problem in file.problems]
        if problems:
            findings = tuple(
                Finding(problem.partition(":")[0], problem.partition(":")[2].strip())
                for problem in problems
            )
            return Verdict("refused", findings, rendering.content)
        companions = tuple(
            (file.template_file, PurePosixPath(str(file.output_path)).suffix[1:], file.content)
            for file in rendering.companions
        )
        return Verdict("valid", content=rendering.content, companions=companions)

    def output_findings(
        self, artifact: ArtifactType, batch: Sequence[object], contents: Mapping[int, str]
    ) -> dict[int, list[Finding]]:
        """What is wrong with each output, by its context's index in ``batch``."""
        if artifact.extension == "py":
            self._batches += 1
            folder = self.workdir / f"batch{self._batches}"
            folder.mkdir()
            found = python_findings(
                {f"m{index}": content for index, content in contents.items()}, folder
            )
            shutil.rmtree(folder)
            return {int(name[1:]): findings for name, findings in found.items()}
        if artifact.extension == "md":
            headings = self.template_headings(artifact)
            return {
                index: markdown_findings(content, batch[index], headings)
                for index, content in contents.items()
            }
        return {index: text_findings(content, batch[index]) for index, content in contents.items()}

    def companion_findings(
        self,
        artifact: ArtifactType,
        batch: Sequence[object],
        companions: Mapping[int, Sequence[tuple[str, str, str]]],
    ) -> dict[int, list[Finding]]:
        """What is wrong with the other files of multi-file outputs, by context index.

        Judged by each file's own format, as a main file is: Python without the import
        check (a package's modules import each other), Markdown, or any text. A finding's
        kind starts with the file's template.
        """
        found: dict[int, list[Finding]] = {index: [] for index in companions}
        sources: dict[str, tuple[int, str]] = {}
        for index, files in companions.items():
            for number, (template, extension, content) in enumerate(files):
                if extension == "py":
                    sources[f"c{index}_{number}"] = (index, template)
                    continue
                findings = (
                    markdown_findings(
                        content, batch[index], self.template_headings(artifact, template)
                    )
                    if extension == "md"
                    else text_findings(content, batch[index])
                )
                found[index] += [Finding(f"{template}: {f.kind}", f.detail) for f in findings]
        if sources:
            self._batches += 1
            folder = self.workdir / f"batch{self._batches}"
            folder.mkdir()
            contents = {
                name: companions[index][int(name.partition("_")[2])][2]
                for name, (index, _) in sources.items()
            }
            for name, findings in python_findings(contents, folder, imports=False).items():
                index, template = sources[name]
                found[index] += [Finding(f"{template}: {f.kind}", f.detail) for f in findings]
            shutil.rmtree(folder)
        return found

    def template_headings(self, artifact: ArtifactType, template: str = "") -> frozenset[str]:
        """The heading lines the type's examples render to: the template's own headings.

        ``template`` names a companion file's template (see ``Verdict.companions``); the
        main file's by default. A user line equal to one of them (a goal ``## Goals``) is
        no injection by itself, whatever the input's escaping, when the heading appears once.
        """
        key = f"{artifact.artifact_id}/{template}"
        if key not in self._headings:
            lines: set[str] = set()
            for example in artifact.examples():
                verdict = self._render(artifact, example)
                contents = (
                    [verdict.content]
                    if not template
                    else [content for name, _, content in verdict.companions if name == template]
                )
                for content in filter(None, contents):
                    found = _outside_fences(content.split("\n"))
                    lines.update(found[index].strip() for index, _ in _headings(found))
            self._headings[key] = frozenset(lines)
        return self._headings[key]


# --- shrinking ------------------------------------------------------------------------------


def shrink(
    judge: Judge, artifact: ArtifactType, context: object, kind: str, *, seconds: float
) -> tuple[object, Verdict]:
    """A smaller context that still gives a finding of ``kind`` (see ``Verdict.kinds``).

    Greedy: each round tries removing a key or an item, or shortening a string, 40
    candidates a batch, and keeps the first that still fails the same way; stops when none
    does or after about ``seconds`` (candidates are made as they are tried: a context of
    thousands of values has millions). Returns the context and its verdict.
    """
    best, verdict = context, judge.judge(artifact, [context])[0]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        size = _size(best)
        candidates = (candidate for candidate in _smaller(best) if _size(candidate) < size)
        kept = None
        while kept is None and time.monotonic() < deadline:
            chunk = list(itertools.islice(candidates, 40))
            if not chunk:
                return best, verdict
            verdicts = judge.judge(artifact, chunk)
            kept = next(
                (pair for pair in zip(chunk, verdicts, strict=True) if kind in pair[1].kinds()),
                None,
            )
        if kept is None:
            break
        best, verdict = kept
    return best, verdict


def _size(value: object) -> int:
    return len(json.dumps(value, ensure_ascii=False))


def _smaller(value: object) -> Iterator[object]:
    """Every context one reduction away from ``value``, the biggest reductions first."""
    if isinstance(value, dict):
        for key in value:
            yield {k: v for k, v in value.items() if k != key}
    if isinstance(value, list):
        if len(value) > 1:
            yield value[:1]
        for index in range(len(value)):
            yield value[:index] + value[index + 1 :]
    if isinstance(value, str) and value:
        yield from dict.fromkeys(
            ["", value[: len(value) // 2], value[len(value) // 2 :], value[1:], value[:-1]]
        )
    if isinstance(value, dict):
        for key, item in value.items():
            for smaller in _smaller(item):
                yield {**value, key: smaller}
    if isinstance(value, list):
        for index, item in enumerate(value):
            for smaller in _smaller(item):
                yield [*value[:index], smaller, *value[index + 1 :]]


def reproducer(artifact: ArtifactType, context: object, verdict: Verdict, kind: str) -> str:
    """A few lines that let anyone replay one failure: the command, the context, the finding."""
    output = f" -o out.{artifact.extension}" if artifact.kind == "persistent" else ""
    shown = json.dumps(context, ensure_ascii=True)
    wrong = "; ".join(str(f) for f in verdict.findings if kind.endswith(f": {f.kind}"))
    return "\n".join(
        [
            f"[{artifact.artifact_id}] {kind}",
            f"  scaffold new {artifact.artifact_id} --context c.json{output}",
            f"  c.json: {shown}",
            f"  wrong: {wrong[:600]}",
        ]
    )


@dataclass
class TypeReport:
    """The fuzzing of one type: contexts tried, verdicts by outcome, and for each failing kind
    (``Verdict.kinds``) the smallest context that showed it, with its source and verdict."""

    artifact: ArtifactType
    tried: int
    counts: Counter[Outcome]
    failures: dict[str, tuple[str, object, Verdict]]
    seconds: float


def fuzz_type(judge: Judge, artifact: ArtifactType, count: int, *, seed: int | None) -> TypeReport:
    """Draw ``count`` contexts for ``artifact`` (``seed`` as in ``draw_contexts``), judge them."""
    start = time.monotonic()
    drawn = draw_contexts(artifact, count, seed=seed)
    verdicts = judge.judge(artifact, [context for _, context in drawn])
    failures: dict[str, tuple[str, object, Verdict]] = {}
    for (source, context), verdict in zip(drawn, verdicts, strict=True):
        for kind in sorted(verdict.kinds()) if verdict.failed else ():
            if kind not in failures or _size(context) < _size(failures[kind][1]):
                failures[kind] = (source, context, verdict)
    counts = Counter(verdict.outcome for verdict in verdicts)
    return TypeReport(artifact, len(drawn), counts, failures, time.monotonic() - start)
