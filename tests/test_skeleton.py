"""``scaffold schema TYPE --skeleton``: a context file to fill in, valid as printed."""

import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaffold_core.cli import main
from scaffold_core.errors import InvalidInput
from scaffold_core.skeleton import (
    FORMATS,
    NEEDS,
    Field,
    Model,
    Skeleton,
    build_skeleton,
    render_skeleton,
)
from scaffold_core.validate import load_context, validate_context
from scaffold_core.validate.documents import parse_document
from tests.fuzzing import discovered_types

TYPES = {artifact.artifact_id: artifact for artifact in discovered_types()}
EXTENSIONS = {"yaml": "yaml", "json": "json", "toml": "toml"}


def skeleton_text(capsys, type_id: str, document_format: str) -> str:
    assert main(["schema", type_id, "--skeleton", "--format", document_format]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def test_every_installed_type_is_covered():
    assert len(TYPES) >= 21
    assert set(FORMATS) == set(EXTENSIONS)


@pytest.mark.parametrize("document_format", FORMATS)
@pytest.mark.parametrize("type_id", sorted(TYPES))
def test_the_skeleton_as_printed_is_valid_input(
    capsys, project, monkeypatch, type_id, document_format
):
    """Read back by the project's own reader, it is the skeleton's data, and `new` takes it."""
    text = skeleton_text(capsys, type_id, document_format)
    path = project / f"{type_id}.{EXTENSIONS[document_format]}"
    path.write_text(text, encoding="utf-8")
    read = load_context(str(path), None)
    skeleton = build_skeleton(TYPES[type_id])
    expected = skeleton.data()
    if document_format == "json":
        expected = {"$schema": f"{type_id}.schema.json", **expected}
    assert read == expected
    assert skeleton.valid
    monkeypatch.chdir(project)
    assert main(["new", type_id, "--context", path.name, "--dry-run", "--no-record"]) == 0
    assert capsys.readouterr().out.strip()
    assert sorted(p.name for p in project.iterdir()) == [path.name]  # a dry run wrote nothing


@pytest.mark.parametrize("type_id", sorted(TYPES))
def test_the_schema_the_skeleton_names_accepts_it(capsys, tmp_path, type_id):
    """`scaffold schema TYPE > TYPE.schema.json` is the file the modeline and `$schema` name."""
    assert main(["schema", type_id]) == 0
    (tmp_path / f"{type_id}.schema.json").write_text(capsys.readouterr().out)
    yaml_text = skeleton_text(capsys, type_id, "yaml")
    first_line = yaml_text.splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={type_id}.schema.json"
    named = first_line.partition("$schema=")[2]
    schema = json.loads((tmp_path / named).read_text())
    json_document = json.loads(skeleton_text(capsys, type_id, "json"))
    assert json_document["$schema"] == named
    toml_text = skeleton_text(capsys, type_id, "toml")
    assert toml_text.splitlines()[0] == f"#:schema {named}"
    for document in (parse_document(yaml_text, "yaml", "s", "-"), json_document):
        jsonschema.validate(document, schema)


def entry_prefixes(name: str, document_format: str) -> tuple[str, ...]:
    if document_format == "yaml":
        return (f"{name}:",)
    return (f"{name} = ", f"[{name}]", f"[[{name}]]")


STATUS = re.compile(r"\((required|optional|optional, default: .*)\)")


def top_level_entries(text: str, document_format: str, notes: dict[str, str]) -> list[tuple]:
    """Where each top-level field is: (block number, name, present, its comment as one line).

    A top-level field is a block of its own (blank lines around it): its comment, which
    holds its status, then its first line, commented out or not. ``notes`` are the fields'
    comments (a comment line may begin like an entry: "needs also breaking_change: true").
    """
    names = list(notes)
    found = []
    for number, block in enumerate(text.split("\n\n")):
        lines = block.splitlines()
        for index, line in enumerate(lines):
            present = not line.startswith("#")
            body = line if present else line.removeprefix("# ")
            note = " ".join(each.removeprefix("# ") for each in lines[:index])
            name = next(
                (n for n in names if body.startswith(entry_prefixes(n, document_format))), None
            )
            if name is not None and STATUS.search(note) and note == " ".join(notes[name].split()):
                found.append((number, name, present, note))
                break
            if present or body.startswith(("[", "#")):
                break  # a value, a table or a nested comment: no top-level field here
    return found


@pytest.mark.parametrize("document_format", ["yaml", "toml"])
@pytest.mark.parametrize("type_id", sorted(TYPES))
def test_required_fields_first_each_described_optional_commented_out(
    capsys, type_id, document_format
):
    artifact = TYPES[type_id]
    properties = artifact.json_schema()["properties"]
    required = set(artifact.required_fields())
    text = skeleton_text(capsys, type_id, document_format)
    root = build_skeleton(artifact).root
    entries = top_level_entries(text, document_format, {f.name: f.note for f in root.fields})
    assert sorted(name for _, name, _, _ in entries) == sorted(properties)
    kept = {f.name for f in root.fields if f.present and not f.required}
    for _, name, present, note in entries:
        assert present == (name in required | kept), name
        description = " ".join(properties[name].get("description", "").split())
        assert note.startswith(description), (name, note)
        assert ("(required)" if name in required else "(optional") in note
        assert (name in kept) == ("Given, as the example values need it." in note)
    if document_format == "yaml":
        # TOML puts tables after plain values (its own rule); YAML keeps the order strictly.
        assert [name for _, name, _, _ in sorted(entries)] == sorted(
            properties, key=lambda name: name not in required
        )


def test_nested_models_and_lists_of_models_show_the_item_shape(capsys):
    text = skeleton_text(capsys, "dto", "yaml")
    assert "fields:\n  - # The attribute name, snake_case. (required)\n    name: " in text
    assert "\n    # description: " in text  # the item's optional field, commented out
    toml = skeleton_text(capsys, "unit_test", "toml")
    assert "\n# [[test_methods]]\n" in toml
    assert "\n# # [test_methods.parametrize]\n" in toml


def test_json_holds_the_schema_and_the_required_fields_only(capsys):
    document = json.loads(skeleton_text(capsys, "worker", "json"))
    assert list(document) == ["$schema", "name", "layer"]


def test_yaml_is_the_default_format(capsys):
    assert main(["schema", "worker", "--skeleton"]) == 0
    assert capsys.readouterr().out == skeleton_text(capsys, "worker", "yaml")


def test_format_without_skeleton_is_refused(capsys):
    assert main(["schema", "dto", "--format", "toml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "--format toml applies to --skeleton only" in captured.err
    assert "Traceback" not in captured.err


def test_unknown_type_is_exit_2(capsys):
    assert main(["schema", "nope", "--skeleton"]) == 2
    assert "unknown artifact type 'nope'" in capsys.readouterr().err


def test_render_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="unknown skeleton format 'xml'"):
        render_skeleton(build_skeleton(TYPES["worker"]), "xml")


# The bundled examples hold few awkward values; these properties give the emitters every kind
# of text, key and nesting a plugin's examples could hold, through the project's own reader.
texts = st.text() | st.sampled_from(["yes", "No", "null", "1:30", "012", "a\nb\n", " x\n y"])
scalars = st.booleans() | st.integers(-(2**63), 2**63 - 1) | texts
scalars |= st.floats(allow_nan=False, allow_infinity=False)


def json_values(*, nulls: bool) -> st.SearchStrategy[object]:
    """JSON values; TOML has no null, so without one inside a collection for TOML."""
    leaves = scalars | st.none() if nulls else scalars
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
        max_leaves=8,
    )


def models(values: st.SearchStrategy[object], depth: int = 2) -> st.SearchStrategy[Model]:
    """Models nested ``depth`` deep, a field's value ``None`` or one of ``values``."""
    values = st.none() | values
    inner = values if depth == 0 else values | models(values, depth - 1)
    inner |= st.lists(models(values, depth - 1), min_size=1, max_size=2) if depth else inner
    field = st.builds(
        Field,
        name=st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True),
        value=inner,
        note=st.text(),
        required=st.booleans(),
        present=st.booleans(),
    )
    return st.lists(field, max_size=4, unique_by=lambda f: f.name).map(
        lambda fields: Model(tuple(fields))
    )


def toml_data(model: Model) -> dict[str, object]:
    """What TOML reads: the skeleton's data without the null fields it leaves out."""

    def data(value: object) -> object:
        if isinstance(value, Model):
            return toml_data(value)
        return [data(item) for item in value] if isinstance(value, list) else value

    return {f.name: data(f.value) for f in model.fields if f.present and f.value is not None}


@settings(max_examples=100, deadline=None)
@given(models(json_values(nulls=True)))
def test_yaml_round_trips_any_json_data(root):
    skeleton = Skeleton("x", "any", root, valid=True)
    text = render_skeleton(skeleton, "yaml")
    assert (parse_document(text, "yaml", "s", "-") or {}) == skeleton.data()


@settings(max_examples=100, deadline=None)
@given(models(json_values(nulls=False)))
def test_toml_round_trips_any_json_data_but_null_in_a_collection(root):
    text = render_skeleton(Skeleton("x", "any", root, valid=True), "toml")
    assert parse_document(text, "toml", "s", "-") == toml_data(root)


def test_a_null_in_toml_is_left_out_with_a_comment():
    root = Model((Field("note", None, "A note.", required=True, present=True),))
    text = render_skeleton(Skeleton("x", None, root, valid=False), "toml")
    assert "# note: null (TOML has none: leave the key out for null)" in text


def test_a_document_path_is_read_by_extension(tmp_path: Path):
    # The skeleton is meant to be saved as TYPE.yaml / .json / .toml and read by extension.
    for document_format in FORMATS:
        text = render_skeleton(build_skeleton(TYPES["worker"]), document_format)
        path = tmp_path / f"worker.{EXTENSIONS[document_format]}"
        path.write_text(text)
        assert load_context(str(path), None)["name"]


def test_a_type_without_examples_gets_placeholders(monkeypatch):
    worker = TYPES["worker"]
    schema = {key: value for key, value in worker.json_schema().items() if key != "examples"}
    monkeypatch.setattr(type(worker), "json_schema", lambda self: schema)
    skeleton = build_skeleton(worker)
    assert skeleton.data() == {"name": "", "layer": ""}  # to fill in: empty is not valid
    assert not skeleton.valid
    assert "\n# use_async: false\n" in render_skeleton(skeleton, "yaml")


def test_a_skeleton_toml_cannot_write_is_exit_2(capsys, monkeypatch):
    holding_null = Model((Field("tags", ["a", None], "Tags.", required=True, present=True),))
    monkeypatch.setattr(
        "scaffold_core.cli.schema.build_skeleton",
        lambda artifact: Skeleton(artifact.artifact_id, None, holding_null, valid=True),
    )
    assert main(["schema", "worker", "--skeleton", "--format", "toml"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no toml skeleton of 'worker': TOML has no null" in captured.err


# ---- the optional fields' values ------------------------------------------------------

Path_ = tuple[tuple[int, int | None], ...]
"""Where a field is: per level, the field's index and, in a list of models, the item's."""


def optional_fields(model: Model, path: Path_ = ()) -> list[tuple[Path_, Field]]:
    """Every commented-out field a user can uncomment, with where it is.

    A field inside a commented-out value is uncommented with it; inside a value whose
    comment says it needs more, it is not checked (that value is not valid alone anyway).
    """
    found = []
    for index, field in enumerate(model.fields):
        if not field.present:
            found.append(((*path, (index, None)), field))
        if NEEDS in field.note:
            continue
        if isinstance(field.value, Model):
            found += optional_fields(field.value, (*path, (index, None)))
        elif isinstance(field.value, list):
            for number, item in enumerate(field.value):
                if isinstance(item, Model):
                    found += optional_fields(item, (*path, (index, number)))
    return found


def uncommenting(model: Model, paths: list[Path_]) -> Model:
    """``model`` with the fields at ``paths`` (and the fields holding them) given."""
    fields = list(model.fields)
    for index, field in enumerate(fields):
        here = [path for path in paths if path[0][0] == index]
        if not here:
            continue
        value = field.value
        if isinstance(value, Model):
            value = uncommenting(value, [path[1:] for path in here if path[1:]])
        elif isinstance(value, list):
            value = [
                uncommenting(item, [p[1:] for p in here if p[0][1] == number and p[1:]])
                if isinstance(item, Model)
                else item
                for number, item in enumerate(value)
            ]
        fields[index] = replace(field, present=True, value=value)
    return Model(tuple(fields))


def is_valid(artifact, text: str, document_format: str) -> bool:
    data = parse_document(text, document_format, "s", "-") or {}
    try:
        validate_context(artifact, data)
    except InvalidInput:
        return False
    return True


def assert_only_uncommented(text: str, changed: str) -> None:
    """``changed`` is ``text`` with some lines' first ``# `` taken out, nothing else."""
    before, after = text.splitlines(), changed.splitlines()
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        if old != new and not (old.strip() == "#" and new == ""):
            # Its own ``# ``, and those of the commented-out values holding it, if any.
            ways = [old.replace("# ", "", 1)]
            while len(ways) < old.count("# "):
                ways.append(ways[-1].replace("# ", "", 1))
            assert new in ways, (old, new)


@pytest.mark.parametrize("document_format", FORMATS)
@pytest.mark.parametrize("type_id", sorted(TYPES))
def test_each_optional_field_uncommented_alone_validates_or_says_what_it_needs(
    type_id, document_format
):
    """Uncommented alone (with any commented-out field holding it), a field's value is valid
    input, or its comment says it is not. JSON holds no optional field: its skeleton is the
    data YAML's and TOML's share, so it is checked through their documents."""
    artifact = TYPES[type_id]
    skeleton = build_skeleton(artifact)
    text = render_skeleton(skeleton, document_format)
    schema = artifact.json_schema()
    fields = optional_fields(skeleton.root)
    assert fields or type_id == "worker"
    for path, field in fields:
        root = uncommenting(skeleton.root, [path])
        changed = render_skeleton(replace(skeleton, root=root), document_format)
        if document_format != "json":
            assert_only_uncommented(text, changed)
        assert is_valid(artifact, changed, document_format) == (NEEDS not in field.note), (
            path,
            field,
        )
        # The value shown fits its schema, whatever else it needs (an editor checks that);
        # what it needs besides (the type's if/then) is the validator's to say.
        tie = {"if", "then", "else"} if NEEDS in field.note else set()
        jsonschema.validate(root.data(), {k: v for k, v in schema.items() if k not in tie})


@pytest.mark.parametrize("type_id", sorted(TYPES))
def test_every_optional_field_that_needs_nothing_uncommented_together_validates(type_id):
    artifact = TYPES[type_id]
    skeleton = build_skeleton(artifact)
    paths = [path for path, field in optional_fields(skeleton.root) if NEEDS not in field.note]
    root = uncommenting(skeleton.root, paths)
    for document_format in ("yaml", "toml"):
        text = render_skeleton(replace(skeleton, root=root), document_format)
        assert is_valid(artifact, text, document_format), document_format
