"""Input documents are read strictly: UTF-8, unique keys, YAML 1.2 core, bounded depth and size.

``validate.documents`` reads every context, recipe and ``pyproject.toml``; each rule is tested
on it directly (fast), and once through the command line where the channel matters.
"""

import io
import json
import subprocess
import time
from pathlib import Path

import pytest

from scaffold_core.cli import main
from scaffold_core.errors import InvalidInput
from scaffold_core.recipes import load_recipe
from scaffold_core.validate import documents, load_context, merge_assignments
from scaffold_core.validate.documents import MAX_DEPTH, MAX_INPUT_BYTES, read_document
from tests.installed import SCAFFOLD

DTO = {"name": "Order", "fields": [{"name": "total", "type": "int"}]}


def refusal(tmp_path: Path, name: str, data: bytes) -> str:
    """The one problem ``load_context`` reports for a file ``name`` holding ``data``."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InvalidInput) as caught:
        load_context(str(path), io.StringIO())
    assert caught.value.exit_code == 2
    assert caught.value.subject == f"context file {path}"
    (problem,) = caught.value.problems
    assert problem.location == "--context"
    return problem.expected


def loaded(tmp_path: Path, name: str, text: str) -> dict[str, object]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_context(str(path), io.StringIO())


# Decoding


def test_utf16_with_a_byte_order_mark_gets_a_hint(tmp_path):
    expected = refusal(tmp_path, "c.json", json.dumps(DTO).encode("utf-16"))
    assert expected.startswith("UTF-8 text, but it is saved as UTF-16")
    assert expected.endswith("save it as UTF-8")


def test_utf16_without_a_byte_order_mark_is_named_by_its_nul_characters(tmp_path):
    expected = refusal(tmp_path, "c.json", json.dumps(DTO).encode("utf-16-le"))
    assert "line 1, column 2 has a NUL character" in expected
    assert "UTF-16 without a byte order mark?" in expected


@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("c.yaml", "name: Order\ndescription: caf\u00e9\n".encode("latin-1"), "line 2, column 17"),
        ("c.toml", b'name = "Order\xff"\n', "line 1, column 14"),
        ("c.json", b'{"name": "\xc3\xa9\xff"}', "line 1, column 12"),  # columns count characters
    ],
)
def test_bytes_that_are_not_utf8_are_named_by_line_and_column(tmp_path, name, data, where):
    expected = refusal(tmp_path, name, data)
    assert expected.startswith(f"UTF-8 text, but {where} has byte 0x")
    assert "Latin-1 or another encoding?" in expected


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("c.json", '{"name": "Zürich"}'),
        ("c.yaml", "name: Zürich\n"),
        ("c.toml", 'name = "Zürich"\n'),
    ],
)
def test_utf8_with_or_without_a_byte_order_mark(tmp_path, name, text):
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode()):
        (tmp_path / name).write_bytes(data)
        assert load_context(str(tmp_path / name), io.StringIO()) == {"name": "Zürich"}


def test_standard_input_is_decoded_from_its_bytes():
    stdin = io.TextIOWrapper(io.BytesIO(b'{"name": "Ord\xffer"}'), encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 1, column 14 has byte 0xff") as caught:
        load_context("-", stdin)
    assert caught.value.subject == "standard input"
    stdin = io.TextIOWrapper(io.BytesIO(b'\xef\xbb\xbf{"name": "Z\xc3\xbcrich"}'))
    assert load_context("-", stdin) == {"name": "Zürich"}


def test_a_lone_surrogate_in_a_text_stream_is_refused():
    with pytest.raises(InvalidInput, match="not UTF-8 there"):
        load_context("-", io.StringIO('{"name": "\udcff"}'))


@pytest.mark.parametrize(
    ("text", "where", "escape"),
    [
        ('{"name": "Order", "description": "\\udc00"}', "line 1, column 35", "\\udc00"),
        ('{"a": "ok",\n "b": "x\\ud83d y"}', "line 2, column 9", "\\ud83d"),
        ('{"a": "\\ud83d\\ud83d\\ude00"}', "line 1, column 8", "\\ud83d"),
    ],
)
def test_json_lone_surrogate_escapes_are_refused_with_their_position(
    tmp_path, text, where, escape
):
    expected = refusal(tmp_path, "c.json", text.encode())
    assert expected.startswith(f"{where}: {escape} is half of a UTF-16 surrogate pair")


def test_json_surrogate_pairs_and_escaped_backslashes_are_fine(tmp_path):
    data = loaded(tmp_path, "c.json", '{"a": "\\ud83d\\ude00", "b": "\\\\udc00"}')
    assert data == {"a": "\U0001f600", "b": "\\udc00"}


def test_yaml_lone_surrogate_escapes_are_refused(tmp_path):
    expected = refusal(tmp_path, "c.yaml", b'name: Order\ndescription: "\\udc00"\n')
    assert expected.startswith("line 2, column 14: an escape gives half of a UTF-16")


# Duplicate keys


@pytest.mark.parametrize(
    ("text", "key", "places"),
    [
        (
            '{"name": "OrderPlaced", "fields": [], "name": "OrderCancelled"}',
            "name",
            "line 1, column 2 and line 1, column 39",
        ),
        (
            '{"name": "Order", "fields": [{"name": "a", "type": "int",\n  "type": "str"}]}',
            "type",
            "line 1, column 44 and line 2, column 3",
        ),
        # The same name in two objects is no duplicate; in one object, escaped or not, it is.
        ('{"a": {"k": 1}, "b": {"k": 2, "\\u006b": 3}}', "k", "line 1, column 23 and"),
    ],
)
def test_json_duplicate_keys_name_the_key_and_both_places(tmp_path, text, key, places):
    expected = refusal(tmp_path, "c.json", text.encode())
    assert expected.startswith(f"key '{key}' given twice in one object ({places}")
    assert expected.endswith("give each key once")


def test_yaml_duplicate_keys_name_the_key_and_both_lines(tmp_path):
    expected = refusal(tmp_path, "c.yaml", b"name: A\nfields: []\nname: B\n")
    assert (
        expected == "key 'name' given twice in one mapping (line 1 and line 3): give each key once"
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (b"true: a\n1: b\n", "true"),  # one key in Python (True == 1): was "key 1 given twice"
        (b"a: {1: x, 1.0: y}\n", "1"),
        (b"null: a\n", "null"),
        (b"[a]: b\n", "[...]"),
    ],
)
def test_yaml_keys_must_be_text(tmp_path, text, written):
    expected = problems_of(tmp_path, "c.yaml", text.decode())[0]  # 1: and 1.0: are two
    assert f"key {written}: mapping keys must be text; quote it" in expected


def test_toml_duplicate_keys_are_refused_by_the_toml_parser(tmp_path):
    expected = refusal(tmp_path, "c.toml", b'name = "A"\nname = "B"\n')
    assert expected == "not valid TOML: Cannot overwrite a value (at line 2, column 11)"


def test_a_recipe_with_artifacts_twice_is_refused(tmp_path):
    recipe = tmp_path / "r.yaml"
    recipe.write_text(
        "artifacts:\n- type: dto\n  context: {name: A, fields: []}\n"
        "artifacts:\n- type: worker\n  context: {name: B, layer: x}\n"
    )
    with pytest.raises(InvalidInput, match=r"key 'artifacts' given twice .*line 1 and line 4"):
        load_recipe(str(recipe), io.StringIO())


# YAML: the 1.2 core schema, never a YAML 1.1 surprise


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (
            "no",
            (
                "no is false in YAML 1.1 but text in YAML 1.2: quote it ('no') for text,"
                " or write false"
            ),
        ),
        ("Yes", "quote it ('Yes') for text, or write true"),
        ("on", "or write true"),
        ("OFF", "or write false"),
        ("012", "012 is unclear (octal in YAML 1.1, decimal in YAML 1.2): quote it ('012')"),
        ("-00", "octal in YAML 1.1"),
        ("0x10", "0x10 is unclear (a number in base 16, 8 or 2)"),
        ("0o17", "a number in base 16, 8 or 2"),
        ("0b101", "a number in base 16, 8 or 2"),
        ("1:30", "1:30 is unclear (base 60 in YAML 1.1 (1:30 is 90), text in YAML 1.2)"),
        ("12:30:45.5", "base 60"),
        ("1_000", "1_000 is unclear (a number in YAML 1.1, text in YAML 1.2)"),
        ("1_000.5", "a number in YAML 1.1"),
    ],
)
def test_yaml_11_scalars_are_refused_with_a_hint_to_quote(tmp_path, value, hint):
    expected = refusal(tmp_path, "c.yaml", f"name: Order\ndescription: {value}\n".encode())
    assert expected.startswith("line 2, column 14: ")
    assert hint in expected


def test_yaml_values_mean_what_yaml_12_core_says(tmp_path):
    text = (
        "t: true\nf: False\nn: null\ntilde: ~\nempty:\ni: 12\nneg: -3\nplus: +4\nzero: 0\n"
        "x: 1.5\ne: 1e3\ninf: -.inf\n"
        "date: 2024-01-01\nstamp: 2024-01-01 10:00:00\nquoted: 'no'\nforced: !!str yes\n"
        "letter: y\nversion: 1.2.3\nkey_like: a:b\n"
    )
    assert loaded(tmp_path, "c.yaml", text) == {
        "t": True,
        "f": False,
        "n": None,
        "tilde": None,
        "empty": None,
        "i": 12,
        "neg": -3,
        "plus": 4,
        "zero": 0,
        "x": 1.5,
        "e": 1000.0,
        "inf": float("-inf"),
        "date": "2024-01-01",
        "stamp": "2024-01-01 10:00:00",
        "quoted": "no",
        "forced": "yes",
        "letter": "y",
        "version": "1.2.3",
        "key_like": "a:b",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: &n Order\ndescription: *n\n",
            (
                "line 1, column 7: anchors and aliases (&a / *a) are not supported:"
                " write the value out"
            ),
        ),
        ("a: *undefined\n", "line 1, column 4: anchors and aliases"),
        ("a: {<<: {b: 1}}\n", "line 1, column 5: merge keys (<<) are not supported"),
        ("a: !!binary aGk=\n", "line 1, column 4: tag !!binary is not supported"),
        ("a: !!set {x}\n", "line 1, column 4: tag !!set is not supported"),
        ("a: !!int 012\n", "line 1, column 4: tag !!int is not supported"),
        ("a: !local x\n", "line 1, column 4: tag !local is not supported"),
        ("a: ! 012\n", "line 1, column 4: 012 is unclear"),
    ],
)
def test_yaml_anchors_aliases_merge_keys_and_tags_are_refused(tmp_path, text, expected):
    assert problems_of(tmp_path, "c.yaml", text)[0].startswith(expected)  # *n listed too


def test_the_yaml_alias_bomb_is_refused_at_once(tmp_path):
    # Nine levels of nine references each: about 10^9 strings if expanded.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    start = time.perf_counter()
    expected = problems_of(tmp_path, "c.yaml", bomb)
    assert time.perf_counter() - start < 1
    assert len(expected) == documents.MAX_PROBLEMS  # each anchor and alias, none expanded
    assert expected[-1].startswith("more problems past these (at most 20 are listed)")
    assert expected[0].startswith("line 1, column 4: anchors and aliases")


def test_yaml_syntax_errors_give_line_and_column(tmp_path):
    expected = refusal(tmp_path, "c.yaml", b"a: [\n")
    assert (
        expected
        == "not valid YAML: line 2, column 1: expected the node content, but found '<stream end>'"
    )


# Nesting depth


def nested(document_format: str, depth: int) -> str:
    """A document whose lists nest ``depth`` deep (the top-level mapping is level 1)."""
    inner = "[" * (depth - 1) + "]" * (depth - 1)
    return {
        "json": f'{{"a": {inner}}}',
        "yaml": f"a: {inner}\n",
        "toml": f"a = {inner}\n",
    }[document_format]


@pytest.mark.parametrize("document_format", ["json", "yaml", "toml"])
def test_nesting_is_bounded_at_max_depth(tmp_path, document_format):
    name = f"c.{document_format}"
    assert loaded(tmp_path, name, nested(document_format, MAX_DEPTH))["a"]
    expected = refusal(tmp_path, name, nested(document_format, MAX_DEPTH + 1).encode())
    assert f"nested deeper than {MAX_DEPTH} levels" in expected
    assert expected.endswith(f"at most {MAX_DEPTH} are allowed")


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("c.json", "[" * 10_000, "line 1, column 101: "),
        ("c.json", '{"a": "[[[[", "b":\n' + "[" * 10_000, "line 2, column 100: "),
        ("c.yaml", "a: " + "[" * 10_000, "line 1, column 103: "),
        (
            "c.yaml",
            "a:\n" + "".join(" " * i + "- \n" for i in range(200)),
            "line 101, column 100: ",
        ),
        ("c.toml", "a = " + "[" * 10_000, ""),
        ("c.toml", "a" + ".a" * 200 + " = 1\n", "key 'a': "),
    ],
)
def test_deep_nesting_is_refused_fast_not_a_recursion_error(tmp_path, name, text, where):
    start = time.perf_counter()
    expected = refusal(tmp_path, name, text.encode())
    assert time.perf_counter() - start < 5
    assert expected.startswith(f"{where}nested deeper than {MAX_DEPTH} levels")


def test_deep_nesting_on_standard_input():
    with pytest.raises(InvalidInput, match=f"line 1, column 101: nested deeper than {MAX_DEPTH}"):
        load_context("-", io.StringIO("[" * 10_000))


# Size


def test_a_document_past_the_size_bound_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_INPUT_BYTES", 32)
    path = tmp_path / "c.json"
    path.write_text('{"name": "' + "x" * 20 + '"}')  # 32 bytes
    assert load_context(str(path), io.StringIO()) == {"name": "x" * 20}
    path.write_text('{"name": "' + "x" * 21 + '"}')
    with pytest.raises(InvalidInput, match="at most 32 bytes"):
        load_context(str(path), io.StringIO())
    with pytest.raises(InvalidInput, match="at most 32 bytes"):
        load_context("-", io.StringIO('{"name": "' + "x" * 21 + '"}'))


def test_the_size_bound_is_checked_before_reading_everything():
    # An endless file: read up to the bound, then refused.
    start = time.perf_counter()
    with pytest.raises(InvalidInput, match=f"at most {MAX_INPUT_BYTES} bytes"):
        read_document(Path("/dev/zero"), "json", "the file", "--context")
    assert time.perf_counter() - start < 5


# Through the command line


def scaffold(project: Path, *args: str | bytes, stdin: bytes = b"") -> tuple[int, str]:
    result = subprocess.run(
        [SCAFFOLD, *args], cwd=project, input=stdin, capture_output=True, check=False
    )
    output = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert "Traceback" not in output
    return result.returncode, output


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\nversion = "0.1.0"\n')
    return tmp_path


@pytest.mark.parametrize(
    ("args", "option", "shown"),
    [
        (["new", "dto", "-s", b"name=Ord\xffer"], "-s", "'name=Ord\\xffer'"),
        (["new", "dto", "--set=name=\xff".encode("latin-1")], "--set", "'--set=name=\\xff'"),
        (["new", "dto", "-o", b"ord\xffer.py"], "-o", "'ord\\xffer.py'"),
        (["new", "dto", "--context", b"c\xff.json"], "--context", "'c\\xff.json'"),
        (["new", "dto", "-C", b"d\xff"], "-C", "'d\\xff'"),
    ],
)
def test_command_line_words_must_be_utf8(demo, args, option, shown):
    code, output = scaffold(demo, *args)
    assert code == 2
    assert output.startswith(f"error: {option}: not UTF-8 text ({shown}): every word")
    assert sorted(path.name for path in demo.iterdir()) == ["pyproject.toml"]


def test_in_process_a_surrogate_escaped_word_is_exit_2(capsys):
    assert main(["new", "dto", "-s", "name=\udcff"]) == 2
    assert "-s: not UTF-8 text ('name=\\xff')" in capsys.readouterr().err


def test_every_channel_refuses_by_the_same_rules(demo):
    utf16 = json.dumps(DTO).encode("utf-16")
    (demo / "c.json").write_bytes(utf16)
    code, output = scaffold(demo, "new", "dto", "--context", "c.json")
    assert (code, output.splitlines()[0]) == (
        2,
        "error: invalid input for context file c.json (1 problem):",
    )
    assert "saved as UTF-16" in output
    code, output = scaffold(demo, "new", "dto", "--context", "-", stdin=utf16)
    assert code == 2
    assert "invalid input for standard input" in output
    assert "UTF-16" in output
    (demo / "r.json").write_bytes(utf16)
    code, output = scaffold(demo, "new", "--recipe", "r.json")
    assert code == 2
    assert "r.json" in output
    assert "UTF-16" in output
    (demo / "pyproject.toml").write_bytes(b'[project]\nname = "d\xe9mo"\n')
    code, output = scaffold(demo, "new", "dto", "-s", "name=A", "-s", "fields=[]")
    assert code == 2
    assert "pyproject.toml: UTF-8 text, but line 2, column 10 has byte 0xe9" in output
    assert sorted(path.name for path in demo.iterdir()) == ["c.json", "pyproject.toml", "r.json"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('[{"name": "a", "type": "int", "name": "b"}]', "key 'name' given twice in one object"),
        # The value sits one level below the context's mapping: 99 levels of its own.
        ("[" * 10_000, f"line 1, column 100: nested deeper than {MAX_DEPTH - 1} levels"),
        ("[" * 100 + "]" * 100, f"line 1, column 100: nested deeper than {MAX_DEPTH - 1} levels"),
        ('[{"name": "a", "type": "int", "description": "\\udc00"}]', "half of a UTF-16"),
    ],
)
def test_json_values_of_s_follow_the_same_rules(value, message):
    merged, problems = merge_assignments({}, [f"fields={value}"], {"fields": list})
    assert merged == {}
    (problem,) = problems
    assert problem.location == "fields"
    assert message in problem.expected


# Every format yields JSON-model data; degenerate documents


def test_toml_dates_and_times_are_read_as_rfc_3339_text(tmp_path):
    data = loaded(
        tmp_path,
        "c.toml",
        "a = 2024-01-01T00:00:00Z\nb = 2024-01-01\nc = 07:30:00\n"
        "d = [{e = 1979-05-27T07:32:00}]\n",
    )
    assert data == {
        "a": "2024-01-01T00:00:00+00:00",
        "b": "2024-01-01",
        "c": "07:30:00",
        "d": [{"e": "1979-05-27T07:32:00"}],
    }


def test_a_toml_date_in_a_free_form_field_renders(demo):
    (demo / "d.toml").write_text(
        'name = "Order"\nfields = [{name = "a", type = "int"}]\n'
        "examples = [{a = 2024-01-01T00:00:00Z}]\n"
    )
    code, output = scaffold(demo, "new", "dto", "--context", "d.toml", "--dry-run")
    assert code == 0, output
    assert '"2024-01-01T00:00:00+00:00"' in output


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_refused(tmp_path, constant):
    expected = refusal(tmp_path, "c.json", f'{{"a": [{constant}]}}'.encode())
    assert expected.startswith(f"{constant} is not a JSON number (JSON has no NaN or Infinity)")


def test_an_integer_too_long_to_read_is_named_as_such():
    _, problems = merge_assignments(
        {}, ["closes_issues=[" + "9" * 5000 + "]"], {"closes_issues": list}
    )
    (problem,) = problems
    assert problem.expected.startswith("a number of at most 4300 digits")


@pytest.mark.parametrize("text", [b"", b"  \n\t\n"])
@pytest.mark.parametrize("name", ["c.json", "c.toml", "c.yaml"])
def test_an_empty_document_is_refused(tmp_path, name, text):
    expected = refusal(tmp_path, name, text)
    assert expected == "a document, but it is empty: give the values, or leave it out"


def test_empty_or_closed_standard_input_is_refused():
    with pytest.raises(InvalidInput, match="a document, but it is empty"):
        load_context("-", io.StringIO(" \n"))
    with pytest.raises(InvalidInput, match="a document, but standard input is closed"):
        load_context("-", None)


def test_utf32_is_named_utf32_not_utf16(tmp_path):
    expected = refusal(tmp_path, "c.json", json.dumps(DTO).encode("utf-32"))
    assert expected.startswith("UTF-8 text, but it is saved as UTF-32")


def test_the_same_field_twice_with_s_is_refused_naming_both():
    merged, problems = merge_assignments({}, ["frozen=true", "frozen=false"], {"frozen": bool})
    assert merged == {"frozen": True}
    (problem,) = problems
    assert str(problem) == (
        "frozen: given twice with -s: give each field once"
        " (given: -s 'frozen=true' and -s 'frozen=false')"
    )


# The Python API: BaseContext holds every channel to the same rules


def api_refusal(extra: dict[str, object]) -> str:
    """The report of the dto for a valid context updated by ``extra``, through the API."""
    from scaffold_core.errors import ScaffoldError  # noqa: PLC0415
    from scaffold_core.manager import ArtifactManager  # noqa: PLC0415

    with pytest.raises(ScaffoldError) as caught:
        ArtifactManager(Path.cwd()).scaffold("dto", {**DTO, **extra}, dry_run=True)
    assert isinstance(caught.value, InvalidInput), caught.value
    return str(caught.value)


def self_containing() -> list[object]:
    loop: list[object] = []
    loop.append(loop)
    return loop


def nested_list(depth: int) -> list[object]:
    deep: list[object] = []
    for _ in range(depth - 1):
        deep = [deep]
    return deep


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            {"description": "a\udcffb"},
            "description: half of a UTF-16 surrogate pair, at position 2",
        ),
        (
            {"fields": [{"name": "a\udcff", "type": "int"}]},
            "fields.0.name: half of a UTF-16 surrogate pair",
        ),
        ({"examples": [{"a\udcff": 1}]}, "examples.0.'a\\udcff': half of a UTF-16"),
        ({"examples": [{"a": nested_list(500)}]}, "nested deeper than 100 levels"),
        ({"examples": [{"a": self_containing()}]}, "or a list that contains itself"),
        ({"examples": [{"a": {1, 2}}]}, "examples.0.a: a list, not a set"),
        ({"imports": frozenset({"decimal.Decimal"})}, "imports: a list, not a set"),
    ],
)
def test_the_python_api_is_held_to_the_document_rules(tmp_path, monkeypatch, extra, expected):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    monkeypatch.chdir(tmp_path)
    assert expected in api_refusal(extra)


def test_the_input_depth_bound_is_max_depth_counting_the_top_mapping(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "demo"\n')
    monkeypatch.chdir(tmp_path)
    # top mapping (1), examples (2), its item (3): a list of depth MAX_DEPTH - 3 fits.
    from scaffold_core.manager import ArtifactManager  # noqa: PLC0415

    fits = {**DTO, "examples": [{"a": nested_list(MAX_DEPTH - 3)}]}
    ArtifactManager(tmp_path).scaffold("dto", fits, dry_run=True)
    assert "nested deeper" in api_refusal({"examples": [{"a": nested_list(MAX_DEPTH - 2)}]})


# Every rule violation of a document at once


def problems_of(tmp_path: Path, name: str, text: str) -> list[str]:
    """Every problem ``load_context`` reports for a file ``name`` holding ``text``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_context(str(path), io.StringIO())
    assert {problem.location for problem in caught.value.problems} == {"--context"}
    return [problem.expected for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("name", "text", "starts"),
    [
        (
            "m.yaml",
            "a: yes\nb: no\nc: 012\n",
            ["line 1, column 4: yes is", "line 2, column 4: no is", "line 3, column 4: 012 is"],
        ),
        (
            "m.yaml",
            "name: Order\nname: Other\nfrozen: yes\n",
            ["key 'name' given twice in one mapping (line 1 and line 2)", "line 3, column 9: yes"],
        ),
        (
            "m.yaml",
            "a: &x 1\nb: *x\nc: !!int 3\ntrue: 1\n1: 2\n",
            [
                "line 1, column 4: anchors",
                "line 2, column 4: anchors",
                "line 3, column 4: tag !!int",
                "line 4, column 1: key true",
                "line 5, column 1: key 1",
            ],
        ),
        (
            "m.yaml",
            'a: "\\ud800"\nb: "\\udc00"\n',
            ["line 1, column 4: an", "line 2, column 4: an"],
        ),
        (
            "m.json",
            '{"a":1,"a":2,"b":3,"b":4}',
            ["key 'a' given twice in one object", "key 'b' given twice in one object"],
        ),
        (
            "m.json",
            '{"a": "\\ud800", "b": {"c": 1, "c": 2}, "d": "\\udc00x"}',
            ["line 1, column 8: \\ud800", "key 'c' given twice", "line 1, column 46: \\udc00"],
        ),
    ],
)
def test_every_rule_violation_is_reported_at_once(tmp_path, name, text, starts):
    expected = problems_of(tmp_path, name, text)
    assert len(expected) == len(starts)
    for problem, start in zip(expected, starts, strict=True):
        assert problem.startswith(start), problem


@pytest.mark.parametrize(
    ("name", "text", "syntax"),
    [
        ("m.yaml", "a: yes\nb: [1\nc: no\n", "not valid YAML: line 3, column 2:"),
        ("m.json", '{"a": {"b": 1, "b": 2}, "c": "\\ud800" ]', "not valid JSON: Expecting"),
    ],
)
def test_a_syntax_error_is_reported_after_the_violations_before_it(tmp_path, name, text, syntax):
    *violations, last = problems_of(tmp_path, name, text)
    assert len(violations) == (1 if name == "m.yaml" else 2)
    assert last.startswith(syntax), last


def test_too_deep_still_stops_at_once_after_the_violations_before_it(tmp_path):
    text = "a: yes\nb: " + "[" * (MAX_DEPTH + 5) + "\nc: no\n"
    expected = problems_of(tmp_path, "m.yaml", text)
    assert [problem.split(":")[0] for problem in expected] == [
        "line 1, column 4",
        "line 2, column 103",
    ]
    assert "nested deeper than" in expected[-1]


@pytest.mark.parametrize(("name", "line"), [("m.yaml", "a{}: yes\n"), ("m.json", '"\\ud800", ')])
def test_at_most_max_problems_are_listed_and_reading_stops_there(tmp_path, name, line):
    text = "".join(line.format(i) for i in range(100_000))
    start = time.perf_counter()
    expected = problems_of(tmp_path, name, text if name == "m.yaml" else f"[{text}1]")
    assert time.perf_counter() - start < 2
    assert len(expected) == documents.MAX_PROBLEMS
    assert expected[-1].startswith("more problems past these")


def test_every_violation_of_an_s_value_is_a_problem():
    _, problems = merge_assignments(
        {}, ['fields={"a": 1, "a": 2, "b": 3, "b": 4}'], {"fields": list}
    )
    assert [problem.expected.split(" given")[0] for problem in problems] == ["key 'a'", "key 'b'"]


def test_the_cli_lists_every_yaml_violation(tmp_path):
    (tmp_path / "m.yaml").write_text("a: yes\nb: no\nc: 012\n")
    result = subprocess.run(
        [SCAFFOLD, "new", "dto", "--context", "m.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "(3 problems)" in result.stderr


# A context file's format without a known extension


TOML_DTO = 'name = "Order"\n[[fields]]\nname = "total"\ntype = "int"\n'


@pytest.mark.parametrize("name", ["t.txt", "t", "t.conf"])
@pytest.mark.parametrize(
    "text",
    ['name = "Order"\n', '{"name": "Order"}', "name: Order\n"],
    ids=["toml", "json", "yaml"],
)
def test_a_file_without_a_known_extension_is_detected_like_standard_input(tmp_path, name, text):
    assert loaded(tmp_path, name, text) == {"name": "Order"}


def test_an_undetected_file_names_every_formats_error(tmp_path):
    (expected,) = problems_of(tmp_path, "t.txt", "a: [\n")
    assert expected.startswith("not valid JSON: ")
    assert "; not valid TOML: " in expected
    assert "; not valid YAML: " in expected


def test_a_toml_context_from_process_substitution(tmp_path):
    result = subprocess.run(
        [
            "bash",
            "-c",
            f"{SCAFFOLD} new dto --dry-run --context <(printf {TOML_DTO!r})",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
