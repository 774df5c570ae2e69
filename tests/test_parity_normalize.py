"""Each normalization rule on its own, then ``normalize`` over realistic v1/v2 modules."""

import pytest

from scaffold_core.parity import (
    RULES,
    align_comments,
    collapse_blank_lines,
    mask_lifecycle,
    normalize,
    normalize_docstring_indentation,
    normalize_line_endings,
    sort_import_blocks,
)

MD_HEADER = (
    "<!-- scaffold: template=x version=1a2b3c4d created=2026-01-02T03:04:05Z path=docs/a.md -->"
)
PY_HEADER = "# scaffold: template=x version=1a2b3c4d created=2026-01-02T03:04:05Z path=src/a.py"
MIXED = "first\r\nsecond\rthird\nfourth"
NO_IMPORTS = "def add(a, b):\n    return a + b\n"


def test_rules_are_every_public_rule_in_order() -> None:
    assert [rule.__name__ for rule in RULES] == [
        "normalize_line_endings",
        "mask_lifecycle",
        "sort_import_blocks",
        "normalize_docstring_indentation",
        "align_comments",
        "collapse_blank_lines",
    ]
    assert RULES[0] is normalize_line_endings
    assert RULES[-1] is collapse_blank_lines


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
@pytest.mark.parametrize(
    "text",
    ["", MIXED, NO_IMPORTS, MD_HEADER, PY_HEADER, "\r\n\r\r\n", "'''\n\"\"\"", "((( # '\""],
    ids=["empty", "mixed", "no-imports", "md-header", "py-header", "only-breaks", "quotes", "odd"],
)
def test_every_rule_accepts_any_text(rule, text) -> None:
    assert isinstance(rule(text), str)


# --- normalize_line_endings -----------------------------------------------------------------


def test_line_endings_empty() -> None:
    assert normalize_line_endings("") == ""


def test_line_endings_mixed_become_lf() -> None:
    assert normalize_line_endings(MIXED) == "first\nsecond\nthird\nfourth"


def test_line_endings_cr_then_crlf_is_two_breaks() -> None:
    assert normalize_line_endings("a\r\r\nb") == "a\n\nb"


def test_line_endings_strip_trailing_whitespace_only() -> None:
    text = "x = 1   \r\n    y = 2\t\r  \nz"
    assert normalize_line_endings(text) == "x = 1\n    y = 2\n\nz"


def test_line_endings_leave_lf_text_without_trailing_space_alone() -> None:
    assert normalize_line_endings(NO_IMPORTS) == NO_IMPORTS
    assert normalize_line_endings(PY_HEADER + "\n") == PY_HEADER + "\n"
    assert normalize_line_endings(MD_HEADER) == MD_HEADER


def test_line_endings_keep_headers_and_do_not_mask() -> None:
    text = f"{PY_HEADER}\r\nimport os  \r\n"
    assert normalize_line_endings(text) == f"{PY_HEADER}\nimport os\n"


# --- mask_lifecycle ---------------------------------------------------------------------------


def test_mask_empty_and_plain_text_untouched() -> None:
    assert mask_lifecycle("") == ""
    assert mask_lifecycle(NO_IMPORTS) == NO_IMPORTS


def test_mask_markdown_header() -> None:
    assert mask_lifecycle(MD_HEADER) == (
        "<!-- scaffold: template=x version=<masked> created=<masked> path=<masked> -->"
    )


def test_mask_python_header() -> None:
    assert mask_lifecycle(PY_HEADER) == (
        "# scaffold: template=x version=<masked> created=<masked> path=<masked>"
    )


def test_mask_makes_two_runs_equal_but_keeps_the_template_id() -> None:
    one = "# scaffold: template=dto version=1a2b3c4d created=2026-01-02T03:04:05Z path=src/a.py"
    two = "# scaffold: template=dto version=ffee0011 created=2027-12-31T23:59:59Z path=lib/b.py"
    other = "# scaffold: template=worker version=1a2b3c4d created=2026-01-02T03:04:05Z path=a.py"
    assert mask_lifecycle(one) == mask_lifecycle(two)
    assert mask_lifecycle(one) != mask_lifecycle(other)


def test_mask_header_with_fractional_offset_timestamp() -> None:
    header = (
        "# scaffold: template=x version=1a2b3c4d"
        " created=2026-01-02T03:04:05.123456+02:00 path=src/a.py"
    )
    assert mask_lifecycle(header) == (
        "# scaffold: template=x version=<masked> created=<masked> path=<masked>"
    )


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-01-02T03:04:05Z",
        "2026-01-02T03:04:05",
        "2026-01-02T03:04:05.5",
        "2026-01-02T03:04:05.123456Z",
        "2026-01-02T03:04:05+02:00",
        "2026-01-02T03:04:05.123456-05:30",
    ],
)
def test_mask_any_timestamp_in_the_body(stamp) -> None:
    assert mask_lifecycle(f'generated_at = "{stamp}"  # when') == (
        'generated_at = "<timestamp>"  # when'
    )


def test_mask_keeps_line_endings_and_stops_at_them() -> None:
    text = f"{PY_HEADER}\r\nx = 1\rcreated = 2026-01-02T03:04:05Z\nend"
    assert mask_lifecycle(text) == (
        "# scaffold: template=x version=<masked> created=<masked> path=<masked>\r\n"
        "x = 1\rcreated = <timestamp>\nend"
    )


def test_mask_leaves_lookalikes_alone() -> None:
    text = 'python_version="3.12"\nversion=1a2b\npath = "src"\n'
    assert mask_lifecycle(text) == text


# --- sort_import_blocks -----------------------------------------------------------------------


def test_sort_empty_and_no_imports() -> None:
    assert sort_import_blocks("") == ""
    assert sort_import_blocks(NO_IMPORTS) == NO_IMPORTS
    assert sort_import_blocks(MD_HEADER) == MD_HEADER


def test_sort_one_block() -> None:
    assert sort_import_blocks("import sys\nimport os\n") == "import os\nimport sys\n"


def test_sort_two_blocks_stay_two_blocks_each_sorted() -> None:
    text = (
        f"{PY_HEADER}\n"
        "import sys\n"
        "from typing import Final\n"
        "import os\n"
        "\n"
        "from pydantic import BaseModel\n"
        "from abc import ABC\n"
        "\n"
        "X: Final = 1\n"
    )
    assert sort_import_blocks(text) == (
        f"{PY_HEADER}\n"
        "from typing import Final\n"
        "import os\n"
        "import sys\n"
        "\n"
        "from abc import ABC\n"
        "from pydantic import BaseModel\n"
        "\n"
        "X: Final = 1\n"
    )


def test_sort_does_not_merge_blocks_across_a_blank_line() -> None:
    text = "import b\n\nimport a\n"
    assert sort_import_blocks(text) == text


def test_sort_names_inside_from_import() -> None:
    assert sort_import_blocks("from x import b, a") == "from x import a, b"
    assert sort_import_blocks("from x import c as z, a, b") == "from x import a, b, c as z"


def test_sort_joins_parenthesised_import() -> None:
    text = "from typing import (\n    Final,\n    Any,\n)\nimport os\n\nx = 1\n"
    assert sort_import_blocks(text) == "from typing import Any, Final\nimport os\n\nx = 1\n"


def test_sort_parenthesised_and_flat_forms_agree() -> None:
    wrapped = "from pydantic import (\n    Field,\n    BaseModel,\n)\n"
    flat = "from pydantic import BaseModel, Field\n"
    assert sort_import_blocks(wrapped) == sort_import_blocks(flat) == flat


def test_sort_leaves_indented_imports_alone() -> None:
    text = "def f():\n    import sys\n    import os\n    from x import b, a\n    return os\n"
    assert sort_import_blocks(text) == text


def test_sort_docstring_line_starting_with_from_is_not_an_import() -> None:
    text = (
        '"""Read the settings.\n'
        "\n"
        "from the environment first, then from the file.\n"
        '"""\n'
        "\n"
        "import sys\n"
        "import os\n"
    )
    assert sort_import_blocks(text) == (
        '"""Read the settings.\n'
        "\n"
        "from the environment first, then from the file.\n"
        '"""\n'
        "\n"
        "import os\n"
        "import sys\n"
    )


def test_sort_leaves_import_lookalikes_inside_a_docstring_alone() -> None:
    # A usage example in a module docstring sits at column 0 but is text, not an import.
    text = '"""Usage:\n\nimport scaffold\nfrom scaffold import b, a\n"""\n\nimport os\n'
    assert sort_import_blocks(text) == text


def test_sort_with_mixed_line_endings_never_loses_a_line() -> None:
    text = "x = 1\r\nimport b\r\nimport a\r\n\rdone\n"
    result = sort_import_blocks(text)
    assert sorted(line.strip() for line in result.splitlines()) == sorted(
        line.strip() for line in text.splitlines()
    )


# --- normalize_docstring_indentation ---------------------------------------------------------


def test_docstring_empty_and_no_docstring() -> None:
    assert normalize_docstring_indentation("") == ""
    # Code outside strings keeps its indentation.
    assert normalize_docstring_indentation(NO_IMPORTS) == NO_IMPORTS
    assert normalize_docstring_indentation(PY_HEADER) == PY_HEADER
    assert normalize_docstring_indentation(MD_HEADER) == MD_HEADER


def test_docstring_inner_lines_lose_indentation_opening_keeps_it() -> None:
    text = (
        "class A:\n"
        '    """A thing.\n'
        "\n"
        "        Deeply indented.\n"
        "    Shallow.\n"
        '    """\n'
        "\n"
        "    x: int\n"
    )
    assert normalize_docstring_indentation(text) == (
        'class A:\n    """A thing.\n\nDeeply indented.\nShallow.\n"""\n\n    x: int\n'
    )


def test_docstring_one_line_docstring_does_not_open_a_string() -> None:
    text = 'def f():\n    """One line."""\n    return 1\n'
    assert normalize_docstring_indentation(text) == text


def test_docstring_single_quotes_and_second_docstring() -> None:
    text = (
        "def f():\n"
        "    '''First.\n"
        "      more\n"
        "    '''\n"
        "    return 1\n"
        "def g():\n"
        '    """Second.\n'
        "      more\n"
        '    """\n'
        "    return 2\n"
    )
    assert normalize_docstring_indentation(text) == (
        "def f():\n"
        "    '''First.\n"
        "more\n"
        "'''\n"
        "    return 1\n"
        "def g():\n"
        '    """Second.\n'
        "more\n"
        '"""\n'
        "    return 2\n"
    )


def test_docstring_differently_indented_docstrings_agree() -> None:
    four = 'class A:\n    """Doc.\n\n    Body.\n    """\n'
    eight = 'class A:\n    """Doc.\n\n        Body.\n        """\n'
    assert normalize_docstring_indentation(four) == normalize_docstring_indentation(eight)
    assert four != eight


def test_docstring_mixed_line_endings() -> None:
    text = 'def f():\r\n    """Doc.\n    body\r\n    """\n    return 1\r'
    result = normalize_docstring_indentation(text)
    assert "\nbody\r\n" in result
    assert result.endswith("    return 1\r")


# --- align_comments ---------------------------------------------------------------------------


def test_align_empty_and_no_comments() -> None:
    assert align_comments("") == ""
    assert align_comments(NO_IMPORTS) == NO_IMPORTS
    assert align_comments(MD_HEADER) == MD_HEADER


@pytest.mark.parametrize(
    "line", ["x = 1 # note", "x = 1# note", "x = 1      # note", "x = 1\t# note", "x = 1  # note"]
)
def test_align_gap_is_exactly_two_spaces(line) -> None:
    assert align_comments(line) == "x = 1  # note"


def test_align_keeps_indentation_of_code() -> None:
    assert align_comments("    return x # why") == "    return x  # why"


@pytest.mark.parametrize(
    "line",
    [
        'x = "a # b"',
        "x = 'a # b'",
        'x = "say \\" # not a comment"',
        "x = '\"' + \"'#'\"",
        'x = f"{a} # {b}"',
    ],
)
def test_align_ignores_hash_inside_string_literals(line) -> None:
    assert align_comments(line) == line


def test_align_finds_the_comment_after_a_string_with_a_hash() -> None:
    assert align_comments('x = "a # b"    # real') == 'x = "a # b"  # real'
    assert align_comments("x = 'a # b'# real") == "x = 'a # b'  # real"


@pytest.mark.parametrize("line", ["# full line", "    # indented full line", "#", PY_HEADER])
def test_align_leaves_full_line_comments_alone(line) -> None:
    assert align_comments(line) == line


def test_align_ignores_hash_inside_a_multi_line_string() -> None:
    text = 'x = 1\n"""Docs.\n\nUse issue #12 for context.\n"""\n'
    assert align_comments(text) == text


def test_align_every_line_including_crlf_ones() -> None:
    result = align_comments("a = 1 # one\r\nb = 2   # two\nc = 3\n")
    assert result == "a = 1  # one\r\nb = 2  # two\nc = 3\n"


# --- collapse_blank_lines ---------------------------------------------------------------------


def test_collapse_empty_and_all_blank() -> None:
    assert collapse_blank_lines("") == ""
    assert collapse_blank_lines("\n") == ""
    assert collapse_blank_lines("\n\n\n\n") == ""


def test_collapse_whitespace_only_lines_are_blank_too() -> None:
    assert collapse_blank_lines("  \n\t\n \n") == ""
    assert collapse_blank_lines("a\n   \n\n\t\nb\n") == "a\n\nb\n"


def test_collapse_runs_to_one_blank_line() -> None:
    assert collapse_blank_lines("a\n\n\n\nb\n\n\nc") == "a\n\nb\n\nc\n"


def test_collapse_keeps_a_single_blank_line() -> None:
    assert collapse_blank_lines("a\n\nb\n") == "a\n\nb\n"


def test_collapse_drops_leading_and_trailing_blanks() -> None:
    assert collapse_blank_lines("\n\n\na\nb\n\n\n\n") == "a\nb\n"


@pytest.mark.parametrize("text", ["a", "a\n", "a\n\n", "a\n\n\n\n\n"])
def test_collapse_exactly_one_trailing_newline(text) -> None:
    assert collapse_blank_lines(text) == "a\n"


def test_collapse_keeps_indentation_and_headers() -> None:
    text = f"{PY_HEADER}\n\n\n\ndef f():\n    return 1\n"
    assert collapse_blank_lines(text) == f"{PY_HEADER}\n\ndef f():\n    return 1\n"
    assert collapse_blank_lines(MD_HEADER) == MD_HEADER + "\n"


def test_collapse_mixed_line_endings_end_with_one_newline() -> None:
    result = collapse_blank_lines("a\r\nb\rc\n\n\n")
    assert result == "a\r\nb\rc\n"


# --- normalize: all rules together ------------------------------------------------------------

V1_MODULE = (
    "# scaffold: template=dto version=1a2b3c4d created=2026-01-02T03:04:05Z"
    " path=src/dtos/money.py\r\n"
    '"""Money: a sum."""\r\n'
    "\r\n"
    "\r\n"
    "from typing import Final, Any\r\n"
    "import sys   \r\n"
    "import os\r\n"
    "\r\n"
    "from pydantic import BaseModel\r\n"
    "\r\n"
    "\r\n"
    "\r\n"
    "class Money(BaseModel):   \r\n"
    '    """A sum of money.\r\n'
    "\r\n"
    "        Kept in cents.\r\n"
    '        """\r\n'
    "\r\n"
    "    amount: int # cents\r\n"
    '    currency: str = "EUR"    # ISO 4217\r\n'
    "\r\n"
)

V2_MODULE = (
    "# scaffold: template=dto version=9f8e7d6c created=2026-03-04T05:06:07Z path=src/money.py\n"
    '"""Money: a sum."""\n'
    "\n"
    "import os\n"
    "import sys\n"
    "from typing import (\n"
    "    Any,\n"
    "    Final,\n"
    ")\n"
    "\n"
    "from pydantic import BaseModel\n"
    "\n"
    "\n"
    "class Money(BaseModel):\n"
    '    """A sum of money.\n'
    "\n"
    "    Kept in cents.\n"
    '    """\n'
    "\n"
    "    amount: int  # cents\n"
    '    currency: str = "EUR"  # ISO 4217\n'
)


def test_normalize_makes_equivalent_modules_equal() -> None:
    assert V1_MODULE != V2_MODULE
    assert normalize(V1_MODULE) == normalize(V2_MODULE)


def test_normalize_result_is_stable() -> None:
    once = normalize(V1_MODULE)
    assert normalize(once) == once
    assert once.endswith('    currency: str = "EUR"  # ISO 4217\n')
    assert "\r" not in once


def test_normalize_keeps_a_different_field_type_different() -> None:
    changed = V2_MODULE.replace("amount: int", "amount: float")
    assert normalize(V1_MODULE) != normalize(changed)


def test_normalize_keeps_a_missing_import_different() -> None:
    changed = V2_MODULE.replace("import sys\n", "")
    assert normalize(V1_MODULE) != normalize(changed)


def test_normalize_keeps_import_groups_apart() -> None:
    merged = V2_MODULE.replace(")\n\nfrom pydantic", ")\nfrom pydantic")
    assert normalize(V1_MODULE) != normalize(merged)
