"""Context skeletons: a context file to fill in, built from a type's JSON Schema and examples.

``scaffold schema TYPE --skeleton [--format yaml|json|toml]`` prints one. What it holds:

- every field of the Context, required fields first (declaration order within each group);
- a required field holds an example value, taken from the type's examples (the plugin's
  examples data file, else the Context's own ``examples``), so the skeleton *as printed* is
  valid input for ``scaffold new TYPE --context FILE``; the first example whose required
  part validates is used, else one with the fewest optional fields that validates (those
  kept say so), and a type without examples gets placeholders from the schema (its
  ``default``, ``examples``, first ``enum`` choice, else an empty value of its type);
- an optional field is commented out (YAML, TOML), so that the file records only what the
  user chose and a plugin's later default still applies, showing a value that is valid
  input when uncommented alone (checked with the type's validator): the example's own, the
  other examples' in turn, then its schema's default, examples or choices; when the values
  valid alone clash together, each is chosen again beside the ones before it. A field no
  value makes valid alone shows the first that fits its schema, its comment saying
  ``Not valid uncommented alone:`` and what it needs (another field of its example, else
  the first problem); inside a value that needs more, values are not checked;
- a nested model is shown field by field, a list of models as its first example item (or a
  placeholder item), each item's fields described and ordered the same way;
- YAML and TOML carry each field's description as a comment, with ``(required)`` or
  ``(optional, default: ...)`` and the choices of an enum; YAML starts with the
  ``# yaml-language-server: $schema=TYPE.schema.json`` modeline and TOML with taplo's
  ``#:schema TYPE.schema.json`` directive, both naming the file
  ``scaffold schema TYPE > TYPE.schema.json`` writes, beside the skeleton;
- JSON has no comments: it holds ``"$schema": "TYPE.schema.json"`` (an editor reads the
  descriptions and the optional fields from that schema; scaffold ignores the key) and the
  required fields only.

The YAML and TOML text is written here (PyYAML cannot write comments, the standard library
does not write TOML): text is quoted whenever a plain scalar could be read as anything else,
multi-line text is a literal block (YAML) or a multi-line string (TOML) when that is exact,
else escaped, and TOML writes nested models as tables and lists of models as arrays of
tables, after the plain values of their table as TOML requires. TOML has no null: a null
value is left out with a comment saying so.
"""

import json
import math
import re
import textwrap
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Any, Final, cast

from pydantic import ValidationError

from scaffold_core.discover import ArtifactType
from scaffold_core.errors import InvalidInput
from scaffold_core.validate import validate_context

__all__ = ["FORMATS", "NEEDS", "Field", "Model", "Skeleton", "build_skeleton", "render_skeleton"]

FORMATS: Final = ("yaml", "json", "toml")
"""The formats a skeleton is written in; the first is the default."""

_MISSING: Final = object()
"""No example value for a field (``None`` is a value: JSON's null)."""

_KEPT: Final = "Given, as the example values need it."
NEEDS: Final = "Not valid uncommented alone:"
"""Begins the part of an optional field's comment saying its value needs more to validate."""
_COMMENT_WIDTH = 88
_PLAIN_YAML = re.compile(r"[A-Za-z][A-Za-z0-9_ .,/()'+-]*(?<! )")
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false", "null"})
_BARE_TOML_KEY = re.compile(r"[A-Za-z0-9_-]+")
_YAML_ESCAPES: Final = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_TOML_ESCAPES: Final = {**_YAML_ESCAPES, "\b": "\\b", "\f": "\\f"}
# What YAML cannot hold as it is: beyond its printable set, the line breaks U+0085, U+2028
# and U+2029, and U+FEFF (a byte order mark); TOML: the control characters.
_YAML_UNPRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_TOML_CONTROL = re.compile("[\x00-\x1f\x7f]")
_WORDS: Final = {None: "null", True: "true", False: "false"}


@dataclass(frozen=True)
class Field:
    """One field of a model in the skeleton.

    ``value`` is a ``Model`` (a nested model), a list (of ``Model``s for a list of models)
    or a JSON value; ``note`` is the comment written above it; ``present`` is false for a
    field written commented out (not part of the document's data).
    """

    name: str
    value: object
    note: str
    required: bool
    present: bool


@dataclass(frozen=True)
class Model:
    """The fields of one model (the Context, a nested model or a list item), in order."""

    fields: tuple[Field, ...]

    def data(self) -> dict[str, object]:
        """What a reader of the skeleton gets: the present fields' values, as JSON data."""
        return {field.name: _data(field.value) for field in self.fields if field.present}


@dataclass(frozen=True)
class Skeleton:
    """A type's skeleton before it is written in a format.

    ``valid`` says whether ``data()`` validated as the type's input when it was built (false
    only for a type whose examples and placeholders give no valid input).
    """

    artifact_id: str
    description: str | None
    root: Model
    valid: bool

    @property
    def schema_file(self) -> str:
        """The schema file the skeleton names: ``TYPE.schema.json``, beside it."""
        return f"{self.artifact_id}.schema.json"

    def data(self) -> dict[str, object]:
        """The skeleton's input as a reader gets it (without ``$schema``)."""
        return self.root.data()


def build_skeleton(artifact: ArtifactType) -> Skeleton:
    """The skeleton of ``artifact``'s input, driven by its JSON Schema and examples.

    Tries each example in turn, its required part alone, and keeps the first that validates
    as the type's input. When none does (a validator ties a required value to an optional
    one, e.g. a type named in ``imports``), each whole example instead, with every
    top-level optional field it can do without commented out again; the ones kept say so.
    Without any, the placeholders of the first try (``valid`` false). Raises
    ``ExamplesFileInvalid`` when the plugin's examples data file is malformed.
    """
    schema = artifact.json_schema()
    examples = [example for example in schema.get("examples", []) if isinstance(example, dict)]
    description = schema.get("description")

    def model(example: dict[str, Any], *, whole: bool) -> Model:
        others: list[object] = [other for other in examples if other is not example]
        return _Builder(schema, keep_optional=whole).model(schema, example, others)

    def settled(root: Model, example: dict[str, Any], *, whole: bool, valid: bool) -> Skeleton:
        others: list[object] = [other for other in examples if other is not example]
        builder = _Builder(schema, keep_optional=whole, checked=artifact if valid else None)
        root = builder.settle(root, schema, example, others, _as_input if valid else None)
        return Skeleton(artifact.artifact_id, description, root, valid=valid)

    for example in examples:
        root = model(example, whole=False)
        if _validates(artifact, root.data()):
            return settled(root, example, whole=False, valid=True)
    for example in examples:
        root = model(example, whole=True)
        if _validates(artifact, root.data()):
            return settled(_fewest(artifact, root), example, whole=True, valid=True)
    first = examples[0] if examples else {}
    root = model(first, whole=False)
    return settled(root, first, whole=False, valid=_validates(artifact, root.data()))


def _fewest(artifact: ArtifactType, root: Model) -> Model:
    """``root`` (valid) with as few of its optional fields given as stay valid.

    The smallest set of one or two that validates, else each field it stays valid without
    commented out in turn; each field kept says so in its note.
    """
    optional = [i for i, field in enumerate(root.fields) if field.present and not field.required]

    def keeping(kept: Collection[int]) -> Model:
        return Model(
            tuple(
                replace(field, note=f"{field.note} {_KEPT}")
                if index in kept
                else replace(field, present=field.present and index not in optional)
                for index, field in enumerate(root.fields)
            )
        )

    for size in (1, 2):
        for kept in combinations(optional, size):
            if _validates(artifact, keeping(kept).data()):
                return keeping(kept)
    needed = set(optional)
    for index in optional:
        if _validates(artifact, keeping(needed - {index}).data()):
            needed.discard(index)
    return keeping(needed)


def render_skeleton(skeleton: Skeleton, document_format: str) -> str:
    """``skeleton`` as the text of a ``yaml``, ``json`` or ``toml`` file, ending in a newline.

    Raises ``ValueError`` for another format, and for TOML when a null is inside a list or
    a mapping of values (TOML has no null; a null field is left out with a comment).
    """
    if document_format == "yaml":
        return _yaml_document(skeleton)
    if document_format == "toml":
        return _toml_document(skeleton)
    if document_format == "json":
        document = {"$schema": skeleton.schema_file, **skeleton.data()}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown skeleton format {document_format!r}: use one of {FORMATS}")


def _validates(artifact: ArtifactType, data: dict[str, object]) -> bool:
    try:
        artifact.adapter.validate_python(data)
    except ValidationError:
        return False
    return True


def _first_problem(artifact: ArtifactType, data: dict[str, object]) -> str:
    """The first problem ``data`` has as the type's input, as a person reads it."""
    try:
        validate_context(artifact, data)
    except InvalidInput as error:
        problem = error.problems[0]
        return f"{problem.location}: {problem.expected}"
    return ""


def _as_input(data: object) -> dict[str, object]:
    """The root model's data as the whole input (the root's place)."""
    return cast("dict[str, object]", data)


def _shown(value: object) -> bool:
    """Whether a commented-out ``value`` shows something to fill in (not null or empty)."""
    return value not in (None, [], {}, "", _MISSING)


def _data(value: object) -> object:
    if isinstance(value, Model):
        return value.data()
    if isinstance(value, list):
        return [_data(item) for item in value]
    return value


_Place = Callable[[object], dict[str, object]]
"""A model's data (or a field's value) to the whole input holding it, its ancestors given."""


@dataclass(frozen=True)
class _Context:
    """Where a model's left-out field is chosen.

    The model's ``data`` (its present fields), ``place`` (that data to the whole input,
    ``None`` when nothing is checked) and, when choosing values valid together, the
    ``chosen`` ones of the fields before it.
    """

    data: dict[str, object]
    place: _Place | None
    chosen: dict[str, object] | None


class _Builder:
    """Walks a JSON Schema (``$ref``s into its ``$defs``) beside an example value.

    ``checked`` is the type whose validator ``settle`` asks, ``None`` when there is no
    valid required part to check an optional value against.
    """

    def __init__(
        self,
        root: Mapping[str, Any],
        *,
        keep_optional: bool,
        checked: ArtifactType | None = None,
    ) -> None:
        self.root = root
        self.definitions: Mapping[str, Any] = root.get("$defs", {})
        self.keep_optional = keep_optional
        self.checked = checked
        self.verdicts: dict[str, bool] = {}

    def validates(self, data: dict[str, object]) -> bool:
        """Whether ``data`` is valid input of ``checked``, each input validated once.

        A plugin's validator may be slow (artifact_plugin's looks up the installed
        distributions, about 70 ms), and choosing values together asks again.
        """
        assert self.checked is not None  # noqa: S101  (only called when checking)
        key = json.dumps(data, sort_keys=True, default=repr)
        if key not in self.verdicts:
            self.verdicts[key] = _validates(self.checked, data)
        return self.verdicts[key]

    def model(self, schema: Mapping[str, Any], example: object, others: list[object]) -> Model:
        """The model ``schema`` describes, its values from ``example`` (a mapping) or not.

        An optional field ``example`` leaves out shows the first value ``others`` (more
        examples of the same model) give it.
        """
        given = example if isinstance(example, dict) else {}
        alternatives = [other for other in others if isinstance(other, dict)]
        required = set(schema.get("required", []))
        properties: Mapping[str, Any] = schema.get("properties", {})
        names = [name for name in properties if name in required]
        names += [name for name in properties if name not in required]
        fields = []
        for name in names:
            schema_of_field = properties[name]
            value = given.get(name, _MISSING)
            is_required = name in required
            present = is_required or (self.keep_optional and name in given)
            elsewhere = [other[name] for other in alternatives if other.get(name) is not None]
            if not present and value in (None, [], _MISSING):
                # A commented-out null or empty list shows nothing to fill in.
                value = elsewhere[0] if elsewhere else _MISSING
            fields.append(
                Field(
                    name=name,
                    value=self.value(schema_of_field, value, elsewhere),
                    note=self.note(schema_of_field, required=is_required),
                    required=is_required,
                    present=present,
                )
            )
        return Model(tuple(fields))

    def value(self, schema: Mapping[str, Any], example: object, others: list[object]) -> object:
        """The value shown for a field: a ``Model``, a list of them, or a JSON value.

        ``others`` are other examples of the same field, for the optional fields of models.
        """
        target = self.resolve(schema)
        if _is_model(target) and (example is _MISSING or isinstance(example, dict)):
            return self.model(target, example, others)
        items = self.resolve(target.get("items", {})) if target.get("type") == "array" else {}
        if _is_model(items) and (example is _MISSING or isinstance(example, list)):
            shown: list[object] = [_MISSING] if not isinstance(example, list) else example
            # One item shows the shape; more only when the schema asks for more.
            count = max(1, int(target.get("minItems", 1)))
            pool = [*shown, *(i for other in others if isinstance(other, list) for i in other)]
            return [
                self.value(items, item, [other for other in pool if other is not item])
                for item in shown[:count]
            ]
        return self.placeholder(schema) if example is _MISSING else example

    def settle(
        self,
        model: Model,
        schema: Mapping[str, Any],
        example: object,
        others: list[object],
        place: _Place | None,
        *,
        together: bool = False,
    ) -> Model:
        """``model`` with each field it leaves out showing a value that validates alone.

        ``place`` gives the whole input with this model's data in its place (``None``: no
        valid whole to check against, the value is only the first that fits its schema).
        Each left-out field tries the example's own value, the other examples' values in
        turn, then its schema's default, examples and choices, and shows the first that,
        given alone, validates; when none does, the first that fits, its note saying it is
        not valid alone and what else it needs: another field of its example that makes it
        valid, else the first problem. The same is done inside each value shown. When the
        values valid alone are not valid together (a ``kind`` and an ``extension``), each
        is chosen again, ``together``: valid alone and beside the ones chosen before it,
        where a candidate is.
        """
        given = example if isinstance(example, dict) else {}
        alternatives = [other for other in others if isinstance(other, dict)]
        properties: Mapping[str, Any] = self.resolve(schema).get("properties", {})
        data = model.data()
        chosen: dict[str, object] = {}
        fields = list(model.fields)
        for index, field in enumerate(fields):
            name = field.name
            schema_of_field = properties[name]
            if field.present:
                raw = given.get(name, _MISSING)
                elsewhere = [other[name] for other in alternatives if other.get(name) is not None]

                def inside(value: object, name: str = name) -> dict[str, object]:
                    assert place is not None  # noqa: S101  (only called when place is)
                    return place({**data, name: value})

                field_place = inside if place is not None else None
                value = self.settle_value(
                    field.value, schema_of_field, raw, elsewhere, field_place
                )
                fields[index] = replace(field, value=value)
                continue
            context = _Context(data, place, chosen if together else None)
            fields[index] = self.choose(field, schema_of_field, given, alternatives, context)
            if NEEDS not in fields[index].note:
                chosen[name] = _data(fields[index].value)
        settled = Model(tuple(fields))
        if (
            together
            or place is None
            or self.checked is None
            or self.validates(place({**data, **chosen}))
        ):
            return settled
        return self.settle(model, schema, example, others, place, together=True)

    def choose(
        self,
        field: Field,
        schema: Mapping[str, Any],
        given: Mapping[str, Any],
        alternatives: list[dict[str, Any]],
        context: "_Context",
    ) -> Field:
        """The left-out ``field`` showing the first candidate value that validates alone."""
        name = field.name
        sources = [given, *alternatives]
        raw_values: list[tuple[object, Mapping[str, Any] | None]] = [
            (source[name], source) for source in sources if _shown(source.get(name))
        ]
        raw_values += [(value, None) for value in self.suggestions(schema)]
        target = self.resolve(schema)
        placeholder = self.placeholder(schema)
        if not raw_values and target.get("type") == "string" and not _fits(target, placeholder):
            raw_values += [(name, None)]  # text to replace, where empty text does not fit
        whole = _Builder(self.root, keep_optional=True)
        candidates: list[tuple[object, Mapping[str, Any] | None]] = []
        seen: set[str] = set()
        for raw, source in raw_values:
            others = [s[name] for s in sources if s is not source and name in s]
            # Its required part first, then as the example gives it (an item's own imports).
            for builder in (self, whole):
                value = builder.value(schema, raw, others)
                key = json.dumps(_data(value), sort_keys=True, default=str)
                if key not in seen:
                    seen.add(key)
                    candidates.append((value, source))
        fitting = [(value, source) for value, source in candidates if _fits(target, value)]
        checked, place = self.checked, context.place
        if place is None or checked is None:
            value = fitting[0][0] if fitting else placeholder
            return replace(field, value=self.settle_value(value, schema, _MISSING, [], None))

        def given_alone(value: object) -> dict[str, object]:
            assert place is not None  # noqa: S101  (checked above)
            return place({**context.data, name: value})

        valid: list[tuple[object, Mapping[str, Any] | None]] = []
        for value, origin in fitting:
            if not self.validates(given_alone(_data(value))):
                continue
            valid.append((value, origin))
            if context.chosen is None or self.validates(
                place({**context.data, **context.chosen, name: _data(value)})
            ):
                valid.insert(0, (value, origin))  # the first valid beside the others too
                break
        if valid:
            value, origin = valid[0]
            own = origin.get(name, _MISSING) if origin is not None else _MISSING
            elsewhere = [s[name] for s in sources if s is not origin and name in s]
            settled = self.settle_value(value, schema, own, elsewhere, given_alone)
            return replace(field, value=settled)
        if not fitting and self.validates(given_alone(placeholder)):
            return replace(field, value=placeholder)  # an empty list, where nothing else is
        shown, origin = fitting[0] if fitting else (placeholder, None)
        needs = self.needs(name, shown, origin, context)
        value = self.settle_value(shown, schema, _MISSING, [], None)
        return replace(field, value=value, note=f"{field.note} {NEEDS} {needs}")

    def needs(
        self, name: str, value: object, origin: Mapping[str, Any] | None, context: "_Context"
    ) -> str:
        """What else ``name`` holding ``value`` (from the example ``origin``) needs.

        Another field of its example that, given too, makes it valid; else the first
        problem it has alone.
        """
        checked, place = self.checked, context.place
        assert checked is not None  # noqa: S101  (only called when checking)
        assert place is not None  # noqa: S101
        alone = {**context.data, name: _data(value)}
        for other, raw in (origin or {}).items():
            if other == name or other in alone or raw is None:
                continue
            if self.validates(place({**alone, other: raw})):
                if isinstance(raw, dict | list):
                    return f"needs also {other}, as in the examples."
                return f"needs also {other}: {json.dumps(raw, ensure_ascii=False)}."
        if not _shown(_data(value)):
            return "no example value; write one."
        return f"{_first_problem(checked, place(alone))}."

    def settle_value(
        self,
        value: object,
        schema: Mapping[str, Any],
        example: object,
        others: list[object],
        place: _Place | None,
    ) -> object:
        """``value`` (a field's) with the models inside it settled (see ``settle``)."""
        target = self.resolve(schema)
        if isinstance(value, Model):
            return self.settle(value, target, example, others, place)
        if not (isinstance(value, list) and value and all(isinstance(i, Model) for i in value)):
            return value
        items = self.resolve(target.get("items", {}))
        given = example if isinstance(example, list) else []
        pool = [*given, *(i for other in others if isinstance(other, list) for i in other)]
        data = _data(value)
        assert isinstance(data, list)  # noqa: S101  (a list of models' data)
        settled: list[object] = []
        for index, item in enumerate(value):
            raw = given[index] if index < len(given) else _MISSING

            def inside(item_data: object, index: int = index) -> dict[str, object]:
                assert place is not None  # noqa: S101  (only called when place is)
                return place([*data[:index], item_data, *data[index + 1 :]])

            item_place = inside if place is not None else None
            rest = [other for other in pool if other is not raw]
            settled.append(self.settle(item, items, raw, rest, item_place))
        return settled

    def suggestions(self, schema: Mapping[str, Any]) -> list[object]:
        """Values the schema itself suggests for a field: its default, examples, choices."""
        target = self.resolve(schema)
        values = [schema.get("default", target.get("default"))]
        values += [*target.get("examples", []), target.get("const"), *target.get("enum", [])]
        return [value for value in values if _shown(value)]

    def placeholder(self, schema: Mapping[str, Any]) -> object:
        """A value for a field no example fills: its default, an example, a choice, empty."""
        if schema.get("default") is not None:
            return schema["default"]
        target = self.resolve(schema)
        if target.get("examples"):
            return target["examples"][0]
        if "const" in target:
            return target["const"]
        if target.get("enum"):
            return target["enum"][0]
        empty = {"string": "", "integer": 0, "number": 0, "boolean": False, "array": []}
        kind = target.get("type")
        if isinstance(kind, str) and kind in empty:
            return empty[kind]
        return {} if kind == "object" else None

    def note(self, schema: Mapping[str, Any], *, required: bool) -> str:
        """The comment above a field: its description, whether required, its choices."""
        target = self.resolve(schema)
        text = schema.get("description") or target.get("description") or ""
        if required:
            status = "(required)"
        elif "default" in schema:
            status = f"(optional, default: {json.dumps(schema['default'], ensure_ascii=False)})"
        else:
            status = "(optional)"
        choices = target.get("enum")
        if choices:
            status += " One of: " + ", ".join(json.dumps(c, ensure_ascii=False) for c in choices)
        return f"{text} {status}".strip()

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        """``schema`` with its ``$ref`` followed and a nullable ``anyOf`` reduced to the value.

        Keys beside the ``$ref`` or ``anyOf`` (a field's own description) win over the
        target's. A union of several non-null branches is kept as it is.
        """
        resolved = dict(schema)
        for _ in range(len(self.definitions) + 2):
            if "$ref" in resolved:
                target = self.definitions.get(str(resolved.pop("$ref")).rsplit("/", 1)[-1], {})
                resolved = {**target, **resolved}
                continue
            branches = resolved.get("anyOf") or resolved.get("allOf")
            if not branches:
                break
            kept = [branch for branch in branches if branch.get("type") != "null"]
            if len(kept) != 1:
                break
            rest = {k: v for k, v in resolved.items() if k not in ("anyOf", "allOf")}
            resolved = {**kept[0], **rest}
        return resolved


def _fits(schema: Mapping[str, Any], value: object) -> bool:
    """Whether ``value`` keeps the simple bounds of its (resolved) schema.

    A text's length and pattern, a list's length, a number's range, a choice; the other
    rules are the validator's.
    """
    if isinstance(value, Model):
        return True
    if schema.get("enum") and value not in schema["enum"]:
        return False
    if isinstance(value, str):
        pattern = schema.get("pattern")
        long_enough = len(value) >= schema.get("minLength", 0)
        short_enough = len(value) <= schema.get("maxLength", len(value))
        matches = not pattern or re.search(pattern, value) is not None
        return bool(long_enough and short_enough and matches)
    if isinstance(value, list):
        return bool(len(value) >= schema.get("minItems", 0))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return bool(schema.get("minimum", value) <= value <= schema.get("maximum", value))
    return True


def _is_model(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "object" and "properties" in schema


def _comment(note: str, indent: int) -> list[str]:
    """``note`` as comment lines; a character either format could not hold as is, a space."""
    pad = " " * indent
    width = max(_COMMENT_WIDTH - indent, 40)
    shown = "".join(c if c in '"\\' or _yaml_character(c) == c else " " for c in note)
    return [f"{pad}# {line}" for line in textwrap.wrap(shown, width)]


def _commented(lines: list[str], indent: int) -> list[str]:
    """``lines`` (each indented at least ``indent``) commented out at ``indent``."""
    pad = " " * indent
    return [f"{pad}# {line[indent:]}" if line.strip() else f"{pad}#" for line in lines]


def _intro(skeleton: Skeleton) -> list[str]:
    lines = _comment(f"{skeleton.artifact_id}: {skeleton.description or ''}".strip(), 0)
    lines += _comment(
        "Required fields first, with example values to replace; optional fields are"
        f" commented out. Schema: scaffold schema {skeleton.artifact_id} >"
        f" {skeleton.schema_file}",
        0,
    )
    return lines


# ---- YAML -----------------------------------------------------------------------------


def _yaml_document(skeleton: Skeleton) -> str:
    lines = [f"# yaml-language-server: $schema={skeleton.schema_file}", *_intro(skeleton), ""]
    lines += _yaml_model(skeleton.root, 0, spaced=True)
    return "\n".join(lines) + "\n"


def _yaml_model(model: Model, indent: int, *, spaced: bool = False) -> list[str]:
    lines: list[str] = []
    for field in model.fields:
        if spaced and lines:
            lines.append("")
        lines += _comment(field.note, indent)
        entry = _yaml_entry(_yaml_text(field.name), field.value, indent)
        lines += entry if field.present else _commented(entry, indent)
    return lines


def _yaml_entry(key: str, value: object, indent: int) -> list[str]:
    head, rest = _yaml_value(value, indent + 2)
    return [f"{' ' * indent}{key}:{' ' if head else ''}{head}", *rest]


def _yaml_value(value: object, indent: int) -> tuple[str, list[str]]:
    """What follows ``key:`` or ``-`` on its line, and the lines after it (at ``indent``)."""
    if isinstance(value, str) and (block := _yaml_literal(value, indent)) is not None:
        return block
    if isinstance(value, Model) and value.data():
        return "", _yaml_model(value, indent)
    if isinstance(value, dict) and value:
        return "", [
            line
            for key, item in value.items()
            for line in _yaml_entry(_yaml_text(key), item, indent)
        ]
    if isinstance(value, list) and value:
        return "", [line for item in value for line in _yaml_item(item, indent)]
    return _yaml_scalar(value), []


def _yaml_item(item: object, indent: int) -> list[str]:
    head, rest = _yaml_value(item, indent + 2)
    if head:
        return [f"{' ' * indent}- {head}", *rest]
    return [f"{' ' * indent}- {rest[0][indent + 2 :]}", *rest[1:]]


def _yaml_scalar(value: object) -> str:
    if value is None or isinstance(value, bool):
        return _WORDS[value]
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _yaml_text(value)
    return "{}" if isinstance(value, Model | dict) else "[]"  # the empty collections


def _yaml_text(text: str) -> str:
    """``text`` plain when nothing else could be read in it, else double-quoted."""
    if _PLAIN_YAML.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return '"' + "".join(_yaml_character(character) for character in text) + '"'


def _yaml_character(character: str) -> str:
    if character in _YAML_ESCAPES:
        return _YAML_ESCAPES[character]
    if _YAML_UNPRINTABLE.fullmatch(character):
        return f"\\u{ord(character):04x}"
    return character


def _yaml_literal(text: str, indent: int) -> tuple[str, list[str]] | None:
    """``text`` as a literal block (``|`` or ``|-``) when that reads back exactly, else None."""
    body = text.removesuffix("\n")
    lines = body.split("\n")
    if (
        "\n" not in body
        or body.endswith("\n")
        or not lines[0].strip()
        or lines[0][0] == " "
        or any(line != line.rstrip() for line in lines)
        or any(c not in '"\\' and _yaml_character(c) != c for c in body.replace("\n", ""))
    ):
        return None
    pad = " " * indent
    chomp = "" if text.endswith("\n") else "-"
    return f"|{chomp}", [f"{pad}{line}" if line else "" for line in lines]


# ---- TOML -----------------------------------------------------------------------------


def _toml_document(skeleton: Skeleton) -> str:
    lines = [f"#:schema {skeleton.schema_file}", *_intro(skeleton), ""]
    lines += _toml_table(skeleton.root, ())
    return "\n".join(lines) + "\n"


def _toml_table(model: Model, path: tuple[str, ...]) -> list[str]:
    """The body of the table at ``path``: plain values first, then its sub-tables."""
    plain: list[str] = []
    tables: list[str] = []
    for field in model.fields:
        value = field.value
        key = _toml_key(field.name)
        if isinstance(value, Model):
            header = ".".join((*path, key))
            lines = ["", f"[{header}]", *_toml_table(value, (*path, key))]
            target = tables
        elif isinstance(value, list) and value and all(isinstance(i, Model) for i in value):
            header = ".".join((*path, key))
            lines = []
            for item in value:
                assert isinstance(item, Model)  # noqa: S101  (checked above, for mypy)
                lines += ["", f"[[{header}]]", *_toml_table(item, (*path, key))]
            target = tables
        elif value is None:
            lines = [f"# {key}: null (TOML has none: leave the key out for null)"]
            target = plain
        else:
            lines = _toml_assignment(key, value)
            target = plain
        if target is tables:
            lines = lines[1:]
        if target is tables or (not path and plain):
            target.append("")  # a blank line before a table, and between top-level fields
        target += _comment(field.note, 0)
        target += lines if field.present else _commented(lines, 0)
    return plain + tables


def _toml_assignment(key: str, value: object) -> list[str]:
    if isinstance(value, str) and "\n" in value:
        escaped = "".join(_toml_character(c, multi_line=True) for c in value)
        return [f'{key} = """', *f'{escaped}"""'.split("\n")]
    return [f"{key} = {_toml_inline(value)}"]


def _toml_inline(value: object) -> str:
    if isinstance(value, bool):
        return _WORDS[value]
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("-inf" if value < 0 else "inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + "".join(_toml_character(c, multi_line=False) for c in value) + '"'
    data = value.data() if isinstance(value, Model) else value
    if isinstance(data, list):
        return "[" + ", ".join(_toml_inline(item) for item in data) + "]"
    if not isinstance(data, dict):
        # A value the format lacks, not a wrong type: the caller offers another format.
        raise ValueError(f"TOML has no null, needed inside {value!r}")  # noqa: TRY004
    pairs = (f"{_toml_key(k)} = {_toml_inline(v)}" for k, v in data.items())
    return "{" + ", ".join(pairs) + "}"


def _toml_character(character: str, *, multi_line: bool) -> str:
    if multi_line and character == "\n":
        return character
    if character in _TOML_ESCAPES:
        return _TOML_ESCAPES[character]
    return f"\\u{ord(character):04x}" if _TOML_CONTROL.fullmatch(character) else character


def _toml_key(key: str) -> str:
    if _BARE_TOML_KEY.fullmatch(key):
        return key
    return _toml_inline(key)
