"""The Markdown formatters of the shared library, in Python: ``macros/markdown.jinja2``.

The library's ``markdown.jinja2`` and ``status.jinja2`` export these functions under the
names and parameters their macros had, so ``md.bullets(items)`` in any template calls
``bullets`` here: one Python call instead of a macro per item (a Jinja macro call costs
microseconds, and a document makes hundreds). Each gives, byte for byte, what the macro
gave, Jinja's conventions included: ``{{ value }}`` shows ``None`` as nothing (the
environment's ``finalize``) and anything else as ``str(value)``; ``| string`` shows
``None`` as ``None``; ``a.b`` reads an attribute, else an item. Every input is a parameter;
a piece with nothing to show is ``""``, which ``join_blocks`` drops. A value never changes
the page's structure: a heading's text cannot close it early, a list item cannot turn into
a heading or a rule, a ``|`` cannot split a table cell, and code keeps a fence longer than
any run of backticks inside it.
"""

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

from scaffold_core.render.filters import join_blocks
from scaffold_core.render.jinja_reading import jinja_attribute, jinja_text

__all__ = ["MARKDOWN", "STATUS"]

_ATX_LEVELS: Final = 6
"""The deepest ATX heading: ``#######`` (seven) starts no heading."""


def heading_line(level: int, text: object) -> str:
    """``## text`` at ``level`` (1 for the title).

    A trailing run of ``#`` after a space (or a text of ``#`` only), which Markdown would
    take for the closing sequence, is escaped.
    """
    shown = str(text)
    kept = shown.rstrip("#")
    closing = kept != shown and (not kept or kept[-1] in " \t")
    return f"{'#' * level} {kept + chr(92) + shown[len(kept) :] if closing else shown}"


def section(heading: object, text: object) -> str:
    """``## heading`` and its text, or nothing when the text is empty."""
    return f"{heading_line(2, heading)}\n\n{text}" if text else ""


def list_item(text: object, marker: str) -> str:
    """One list item's text, escaped when it would read as a heading or a thematic break.

    A backslash goes in front when its start would make it a heading (``# x``) or, after
    the ``- `` marker, a thematic break (``--``).
    """
    shown = str(text)
    hashes = len(shown) - len(shown.lstrip("#"))
    atx = 0 < hashes <= _ATX_LEVELS and shown[hashes : hashes + 1] in ("", " ", "\t")
    dashes = shown.replace(" ", "").replace("\t", "")
    rule = marker == "-" and dashes.strip("-") == "" and len(dashes) > 1
    return "\\" + shown if atx or rule else shown


def bullets(items: Iterable[object]) -> str:
    """``- item`` lines."""
    return "\n".join(f"- {list_item(item, '-')}" for item in items)


def numbered(items: Iterable[object]) -> str:
    """``1. item`` lines."""
    return "\n".join(
        f"{index}. {list_item(item, '.')}" for index, item in enumerate(items, start=1)
    )


def checklist(items: Iterable[object], done: object) -> str:
    """``- [ ] item`` lines (or ``- [x]`` when ``done``)."""
    mark = "x" if done else " "
    return "\n".join(f"- [{mark}] {jinja_text(item)}" for item in items)


def bullet_section(heading: object, items: Iterable[object]) -> str:
    """A section whose body is a bullet list, or nothing when the list is empty."""
    return section(heading, bullets(items).strip())


def table(headers: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A table: a list of column titles and a list of lists of cells.

    A ``|`` in a cell is escaped so it cannot split the cell.
    """
    titles = list(headers)
    lines = [
        f"| {' | '.join(str(title) for title in titles)} |",
        "|" + " --- |" * len(titles),
    ]
    lines += [
        "| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows
    ]
    return "\n".join(lines)


def table_section(heading: object, headers: Iterable[object], rows: Any) -> str:  # noqa: ANN401
    """A section whose body is a table, or nothing when there are no rows."""
    return section(heading, table(headers, rows).strip() if rows else "")


def subsection(heading: object, text: object) -> str:
    """``### heading``, a blank line, then the text: one entry of a section."""
    return f"{heading_line(3, heading)}\n\n{jinja_text(text)}"


def labelled_bullets(label: object, items: Any) -> str:  # noqa: ANN401 -- tested, then listed
    """A label line, then its bullets (``Pros:`` / ``- ...``), or nothing when none."""
    return f"{jinja_text(label)}:\n{bullets(items)}" if items else ""


def backticks(text: str, shortest: int) -> str:
    """The shortest run of at least ``shortest`` backticks that ``text`` does not contain."""
    marker = "`" * shortest
    for _ in text:
        if marker not in text:
            break
        marker += "`"
    return marker


def code_block(language: object, code: str) -> str:
    """A fenced code block in ``language``; the fence is longer than any backtick run."""
    fence = backticks(code, 3)
    return f"{fence}{jinja_text(language)}\n{jinja_text(code)}\n{fence}"


def code_blocks(language: object, snippets: Iterable[str]) -> str:
    """One fenced code block per snippet, a blank line between them."""
    return join_blocks([code_block(language, snippet) for snippet in snippets])


def code_span(text: str) -> str:
    """``text`` as inline code, whatever backticks it holds."""
    fence = backticks(text, 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{jinja_text(text)}{pad}{fence}"


def cell(value: object, column: object) -> str:
    """One cell of a declared table (``scaffold_schemas.TableColumn``).

    Its ``empty`` text for a missing value, else the value in the column's style.
    """
    if value is None:
        return jinja_text(jinja_attribute(column, "empty"))
    style = jinja_attribute(column, "style")
    if style == "label":
        return label(value)
    if style == "capitalize":
        return str(value).capitalize()
    return jinja_text(value)


def subsection_part(piece: object) -> str:
    """One piece of a declared subsection (``scaffold_schemas.SubsectionPart``)."""
    form = jinja_attribute(piece, "form")
    if form == "bullets":
        piece_label = jinja_attribute(piece, "label")
        items = jinja_attribute(piece, "items")
        return labelled_bullets(piece_label, items) if piece_label else bullets(items)
    if form == "line" and jinja_attribute(piece, "label"):
        label = jinja_text(jinja_attribute(piece, "label"))
        return f"{label}: {jinja_text(jinja_attribute(piece, 'text'))}"
    return jinja_text(jinja_attribute(piece, "text"))


def table_block(block: object) -> str:
    """The rows of a declared table (``scaffold_schemas.SectionBlock`` of form "table")."""
    columns = jinja_attribute(block, "columns")
    rows = [
        [cell(value, columns[index]) for index, value in enumerate(row)]
        for row in jinja_attribute(block, "rows")
    ]
    return table([jinja_attribute(column, "header") for column in columns], rows)


def subsections_block(block: object) -> str:
    """The entries of a declared subsections block, one ``###`` subsection each."""
    return join_blocks(
        [
            subsection(
                jinja_attribute(entry, "heading"),
                join_blocks([subsection_part(piece) for piece in jinja_attribute(entry, "parts")]),
            )
            for entry in jinja_attribute(block, "subsections")
        ]
    )


def section_block(block: object) -> str:
    """One field's content in its declared form (``scaffold_schemas.SectionBlock``).

    Every form but "block", whose content the plugin's template renders.
    """
    form = jinja_attribute(block, "form")
    if form == "text":
        return jinja_text(jinja_attribute(block, "text"))
    if form == "bullets":
        block_label = jinja_attribute(block, "label")
        items = jinja_attribute(block, "items")
        return labelled_bullets(block_label, items) if block_label else bullets(items)
    if form == "numbered":
        return numbered(jinja_attribute(block, "items"))
    if form == "code":
        return code_blocks(jinja_attribute(block, "language"), jinja_attribute(block, "items"))
    formatter = _STRUCTURED_FORMS.get(form)
    return "" if formatter is None else formatter(block)


_STRUCTURED_FORMS: Final[Mapping[object, Callable[[object], str]]] = MappingProxyType(
    {"table": table_block, "subsections": subsections_block}
)


def document_section(filled: object, blocks: Any) -> str:  # noqa: ANN401 -- Jinja's ``self``
    """One filled section of a document (``scaffold_schemas.DocumentSection``).

    Its heading and its blocks, or nothing when they render empty. ``blocks`` is the
    calling template's ``self``: a "block" form's content is the template block named
    after its field.
    """
    pieces = [
        blocks[jinja_attribute(block, "field")]()
        if jinja_attribute(block, "form") == "block"
        else section_block(block)
        for block in jinja_attribute(filled, "blocks")
    ]
    return section(jinja_attribute(filled, "heading"), join_blocks(pieces))


def metadata(status: object, version: object, last_updated: object) -> str:
    """The metadata table under a document's title."""
    return (
        "| Status | Version | Last updated |\n| --- | --- | --- |\n"
        f"| {str(status).capitalize()} | {jinja_text(version)} | {jinja_text(last_updated)} |"
    )


def label(status: object) -> str:
    """One item's status as a short, greppable label, e.g. ``[DONE]``."""
    return f"[{str(status).upper().replace('_', ' ')}]"


MARKDOWN: Final[Mapping[str, Callable[..., str]]] = MappingProxyType(
    {
        function.__name__: function
        for function in (
            heading_line,
            section,
            list_item,
            bullets,
            numbered,
            checklist,
            bullet_section,
            table,
            table_section,
            subsection,
            labelled_bullets,
            backticks,
            code_block,
            code_blocks,
            code_span,
            cell,
            subsection_part,
            table_block,
            subsections_block,
            section_block,
            document_section,
        )
    }
)
"""``macros/markdown.jinja2``'s formatters by name, as the library exports them."""

STATUS: Final[Mapping[str, Callable[..., str]]] = MappingProxyType(
    {"metadata": metadata, "label": label}
)
"""``macros/status.jinja2``'s formatters by name, as the library exports them."""
