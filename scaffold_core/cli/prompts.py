"""Ask a person at a terminal for the fields a ``scaffold new`` input lacks or got wrong.

Imported only when ``scaffold new`` runs on a terminal (stdin and stdout) without
``--no-input``: nothing here costs a script or a pipe anything. The questions follow the
type's JSON Schema (description, example, default, ``enum``, ``boolean``, ``array``, nested
objects); every answer is checked by the type's own validator (``ArtifactType.adapter``),
the one file input goes through, on the whole input as answered so far, and a refused answer
is asked again under the validator's message. The standard library's ``input`` reads the
answers, edited as the terminal edits a line (Backspace, Ctrl-U, Ctrl-W); questions go to
stderr, so stdout holds only the command's result. ``readline`` is not loaded: it would
echo no line break after an empty answer to a prompt it did not write (ours is on stderr).
"""

import copy
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from scaffold_core.discover import ArtifactType
from scaffold_core.discover.examples_file import ExamplesFileInvalid
from scaffold_core.errors import Problem, ScaffoldError
from scaffold_core.validate import problems_from

__all__ = ["PromptAborted", "ask_missing"]

Path = tuple[str | int, ...]
"""Where a value sits in the input: field names and list indexes, as pydantic's ``loc``."""

_SKIP: Final = object()
"""An answer that gives no value: an optional field left empty, or the end of a list."""

_MOST_ATTEMPTS: Final = 3
"""Refused answers to one question before it is left for the final report."""

_EXAMPLE_WIDTH: Final = 100
"""An example longer than this many characters is cut (a list of nested objects)."""

_YES: Final = frozenset({"y", "yes", "true"})
_NO: Final = frozenset({"n", "no", "false"})


class PromptAborted(ScaffoldError):
    """The input ended (Ctrl-D) before every question was answered; nothing is written.

    Exit code 130, as for Ctrl-C (which ``main`` reports as ``interrupted``).
    """

    exit_code = 130


def ask_missing(
    artifact: ArtifactType,
    data: Mapping[str, object],
    problems: list[Problem],
    *,
    ask_all: bool = False,
) -> tuple[dict[str, object], list[Problem]]:
    """``data`` completed by asking, and the ``problems`` that asking did not settle.

    Asked, in the schema's field order: every required field that is missing, every field
    the validator refuses (its message shown first), every field an earlier problem names
    that ``data`` lacks (a ``-s`` value that did not parse); with ``ask_all``, every other
    field not given too. A field with an earlier problem but a value in ``data`` (given
    twice, derived elsewhere) is left alone: answering would not settle it. The problems
    returned are ``problems`` less those of the fields asked; the caller validates the whole
    input again, so what asking cannot settle (a rule across fields, an unknown key) is
    still reported. With ``ask_all``, optional sub-fields of nested objects are asked too.
    Raises ``PromptAborted`` when the input ends; ``KeyboardInterrupt`` (Ctrl-C) passes
    through.
    """
    asker = _Asker(artifact, dict(data), ask_all=ask_all)
    names = asker.fields_to_ask(problems)
    for name in names:
        asker.ask_field(name, [str(p) for p in problems if _field_of(p) == name])
    return asker.data, [problem for problem in problems if _field_of(problem) not in names]


def _field_of(problem: Problem) -> str:
    return problem.location.split(".", 1)[0]


@dataclass
class _Asker:
    """The questions of one ``scaffold new``: the input as answered so far and the schema."""

    artifact: ArtifactType
    data: dict[str, object]
    ask_all: bool
    schema: dict[str, Any] = field(init=False)
    examples: list[dict[str, Any]] = field(init=False)
    given_up: set[Path] = field(default_factory=set)
    """Questions left for the final report: their problems no longer re-ask what holds them."""

    def __post_init__(self) -> None:
        self.schema = self.artifact.adapter.json_schema()
        try:
            self.examples = self.artifact.examples()
        except ExamplesFileInvalid:  # a plugin's fault, reported by the commands that use it
            self.examples = []

    def fields_to_ask(self, problems: list[Problem]) -> list[str]:
        """The top-level fields to ask, in the schema's order (see ``ask_missing``)."""
        properties: dict[str, Any] = self.schema.get("properties", {})
        wrong = {str(loc[0]) for loc, _ in self._errors(self.data) if loc}
        wrong |= {_field_of(p) for p in problems if _field_of(p) not in self.data}
        return [
            name
            for name in properties
            if name in wrong or (self.ask_all and name not in self.data)
        ]

    def ask_field(self, name: str, earlier: list[str]) -> None:
        """Ask top-level field ``name`` afresh; its answer replaces what ``data`` held."""
        for message in earlier or self._messages((name,), self.data.get(name, _SKIP)):
            self._say(f"! {message}")
        self.data.pop(name, None)
        required = name in self.schema.get("required", ())
        value = self._ask((name,), self.schema["properties"][name], required=required)
        if value is not _SKIP:
            self.data[name] = value

    def _ask(self, path: Path, schema: dict[str, Any], *, required: bool) -> object:
        """One value for ``path``, re-asked until the validator accepts it; may be ``_SKIP``."""
        schema = self._resolved(schema)
        kind = _kind(schema)
        if kind not in ("object", "array") and isinstance(path[-1], str):
            self._introduce(path, schema)  # once; a list's items share the list's
        for attempt in range(1, _MOST_ATTEMPTS + 1):
            if kind == "object":
                value = self._ask_object(path, schema, required=required)
            elif kind == "array":
                value = self._ask_list(path, schema)
            else:
                value = self._ask_scalar(path, schema, kind, required=required)
            if value is _SKIP:
                return value
            messages = self._messages(path, value)
            if not messages:
                return value
            for message in messages:
                self._say(f"! {message}")
            if attempt == _MOST_ATTEMPTS:
                self.given_up.add(path)
                # What another field must settle (an import for a type) is not answerable
                # here: the answer stays, and the end lists every problem (exit 2).
                self._say(
                    f"! {_label(path)}: {_MOST_ATTEMPTS} answers refused; kept as answered,"
                    " every problem is listed at the end"
                )
        return value

    def _ask_object(self, path: Path, schema: dict[str, Any], *, required: bool) -> object:
        self._say(f"{_label(path)}: {schema.get('description', '')}".rstrip(": "))
        if not required and not self._yes_no(f"give {_label(path)}?", path, default=False):
            return _SKIP
        item: dict[str, object] = {}
        self._place(path, item)  # later sub-fields are validated with the earlier ones
        needed = schema.get("required", ())
        for name, sub_schema in schema.get("properties", {}).items():
            if name in needed or self.ask_all:
                value = self._ask((*path, name), sub_schema, required=name in needed)
                if value is not _SKIP:
                    item[name] = value
        return item

    def _ask_list(self, path: Path, schema: dict[str, Any]) -> object:
        self._introduce(path, schema)
        items: list[object] = []
        self._place(path, items)
        item_schema = self._resolved(schema.get("items", {}))
        if _kind(item_schema) == "object":
            noun = path[-1] if isinstance(path[-1], str) else "the list"
            while self._yes_no(
                f"add an item to {noun}?", path, default=len(items) < schema.get("minItems", 0)
            ):
                index = len(items)
                # The item placed itself, to validate its later sub-fields with the earlier.
                items[index:] = [self._ask((*path, index), item_schema, required=True)]
            return items
        self._say("  one item a line; an empty line ends the list")
        while (value := self._ask((*path, len(items)), item_schema, required=False)) is not _SKIP:
            items.append(value)
        return items

    def _ask_scalar(
        self, path: Path, schema: dict[str, Any], kind: str, *, required: bool
    ) -> object:
        default = schema.get("default")
        if kind == "boolean":
            if not required and default is None and isinstance(path[-1], int):
                return self._yes_no_or_end(path)
            return self._yes_no(_label(path), path, default=default)
        if kind == "enum":
            return self._pick(path, list(schema["enum"]), default, required=required)
        return self._ask_text(path, default, as_json=kind == "json", required=required)

    def _ask_text(self, path: Path, default: object, *, as_json: bool, required: bool) -> object:
        """A line of text, or a JSON value (text when it is no JSON: the validator says why)."""
        suffix = "" if default in (None, "", [], {}) else f" [{_shown(default)}]"
        answer = self._read(f"{_label(path)}{suffix}: ", path)
        if not answer:
            # Empty on a required field goes to the validator, whose message says what is due.
            return answer if required and default is None else _SKIP
        if not as_json:
            return answer
        try:
            return json.loads(answer)
        except ValueError:
            return answer

    def _pick(
        self, path: Path, choices: list[object], default: object, *, required: bool
    ) -> object:
        for number, choice in enumerate(choices, 1):
            mark = " (default)" if choice == default and default is not None else ""
            self._say(f"  {number}) {_shown(choice)}{mark}")
        while True:
            answer = self._read(f"{_label(path)} [1-{len(choices)}]: ", path)
            if not answer:
                if default is not None or not required:
                    return _SKIP
                self._say("! choose one: its number or its value")
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                return choices[int(answer) - 1]
            named = [choice for choice in choices if _shown(choice) == answer]
            if named:
                return named[0]
            self._say(f"! choose 1 to {len(choices)}, or type one of the values")

    def _yes_no(self, question: str, path: Path, *, default: object) -> bool:
        hint = "Y/n" if default is True else "y/N" if default is False else "y/n"
        while True:
            answer = self._read(f"{question} [{hint}]: ", path).lower()
            if not answer and isinstance(default, bool):
                return default
            if answer in _YES | _NO:
                return answer in _YES
            self._say("! answer y or n")

    def _yes_no_or_end(self, path: Path) -> object:
        while True:
            answer = self._read(f"{_label(path)} [y/n, empty ends]: ", path).lower()
            if not answer:
                return _SKIP
            if answer in _YES | _NO:
                return answer in _YES
            self._say("! answer y or n, or an empty line to end the list")

    def _introduce(self, path: Path, schema: dict[str, Any]) -> None:
        """The description and an example, before the question."""
        lines = [f"{_label(path)}: {schema['description']}"] if "description" in schema else []
        # A choice or a yes/no shows its options instead.
        example = (
            self._example(path, schema) if _kind(schema) in ("text", "json", "array") else _SKIP
        )
        if example is not _SKIP:
            text = _shown(example)
            if len(text) > _EXAMPLE_WIDTH:
                text = f"{text[: _EXAMPLE_WIDTH - 3]}..."
            lines.append(f"  e.g. {text}")
        for line in lines:
            self._say(line)

    def _example(self, path: Path, schema: dict[str, Any]) -> object:
        """The schema's own example of this value, else the first type example that has one."""
        if schema.get("examples"):
            return schema["examples"][0]
        for example in self.examples:
            value = _at(example, path)
            if value is not _SKIP:
                return value
        return _SKIP

    def _messages(self, path: Path, value: object) -> list[str]:
        """The validator's messages about ``value`` placed at ``path`` (none: accepted)."""
        if value is _SKIP:
            return []
        candidate = copy.deepcopy(self.data)
        _placed(candidate, path, value)
        return [
            str(problem)
            for loc, problem in self._errors(candidate)
            if loc[: len(path)] == path
            and not any(loc[: len(given_up)] == given_up for given_up in self.given_up)
        ]

    def _errors(self, candidate: dict[str, object]) -> list[tuple[Path, Problem]]:
        try:
            self.artifact.adapter.validate_python(candidate)
        except ValidationError as error:
            problems = problems_from(error, self.artifact.field_types())
            return [
                (tuple(detail["loc"]), problem)
                for detail, problem in zip(error.errors(), problems, strict=True)
            ]
        return []

    def _place(self, path: Path, value: object) -> None:
        _placed(self.data, path, value)

    def _resolved(self, schema: dict[str, Any]) -> dict[str, Any]:
        """``schema`` with a ``$ref`` followed and an ``X | None`` union read as ``X``."""
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return self._resolved({**self.schema["$defs"][name], **_without(schema, "$ref")})
        variants = [v for v in schema.get("anyOf", ()) if v.get("type") != "null"]
        if len(variants) == 1 and len(schema["anyOf"]) == 2:  # noqa: PLR2004 -- X and null
            return self._resolved({**variants[0], **_without(schema, "anyOf")})
        return schema

    def _say(self, line: str) -> None:
        sys.stderr.write(f"{line}\n")
        sys.stderr.flush()

    def _read(self, prompt: str, path: Path) -> str:
        """One answer line, stripped; raises ``PromptAborted`` when the input ends (Ctrl-D)."""
        sys.stderr.write(prompt)
        sys.stderr.flush()
        try:
            # The prompt is on stderr: input()'s own would go to stdout, the result's stream.
            return input().strip()
        except EOFError:
            sys.stderr.write("\n")
            raise PromptAborted(
                f"the input ended before '{_label(path)}' was answered; nothing written"
            ) from None


def _kind(schema: dict[str, Any]) -> str:
    """How a value is asked: object, array, boolean, enum, text or json."""
    if "enum" in schema:
        return "enum"
    if "const" in schema:
        return "json"
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        return "object"
    if kind in ("array", "boolean"):
        return str(kind)
    texty = kind == "string" or any(
        part.get("type") == "string" for part in schema.get("allOf", ())
    )
    return "text" if texty or (kind is None and "pattern" in schema) else "json"


def _at(example: object, path: Path) -> object:
    """The value at ``path`` in ``example``, the first item standing for any; else ``_SKIP``."""
    value = example
    for part in path:
        if isinstance(part, int) and isinstance(value, list) and value:
            value = value[0]
        elif isinstance(part, str) and isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return _SKIP
    return value


def _placed(document: dict[str, object], path: Path, value: object) -> None:
    """Set ``value`` at ``path`` in ``document`` (an index one past a list's end appends)."""
    container: Any = document
    for part in path[:-1]:
        container = container[part]
    last = path[-1]
    if isinstance(container, list) and isinstance(last, int) and last == len(container):
        container.append(value)
    else:
        container[last] = value


def _without(schema: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in schema.items() if name != key}


def _label(path: Path) -> str:
    """``fields.0.name``: the path as the validator's problems name it."""
    return ".".join(str(part) for part in path)


def _shown(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
