"""The document base: a Context declares its sections as data, the base owns the rules.

A document Context subclasses ``BaseDocumentContext`` and marks each field that renders as a
section of its own with ``json_schema_extra=section("Heading", form)``. The heading is declared
there, once: the ``sections`` computed field lists the filled sections in declared order, each
with its heading and its content in that form, and the shared layout
``layouts/markdown_document.md.jinja2`` renders them, so a template repeats no heading. The
forms:

- ``"text"``: a ``Text`` value, as its paragraphs.
- ``"bullets"``, ``"numbered"``: a list of single lines (``label="In scope"`` puts an
  ``In scope:`` line above the bullets; fields that share a heading form one section).
- ``"code"``: a list of snippets, one fenced block each in ``language``.
- ``"table"``: a list of models, one row each; the columns are the item fields declared with
  ``column("Header")``, in field order.
- ``"subsections"``: a list of models, one ``###`` subsection each, headed by the item field
  ``subheading`` names; its body is the item fields declared with ``part(...)``.
- ``"block"``: the plugin's template renders the content, in a block named after the field
  (``{% block findings %}``); the layout places it under the declared heading.

``section("Heading")`` without a form only marks the field (the catalogue shows the heading,
the tests look for it): the template renders it itself, in the layout's ``body`` block, as
plugins written before forms existed do.

Rules the base owns, each reported at the item that breaks it: the ``subheading`` of each item
is unique in its list, case ignored (each becomes a heading, and heading anchors ignore case);
the ``key`` fields of each item are unique in their list.

A mistake in the declarations themselves (an unknown form, a ``subheading`` that is no field
of the items) raises ``TypeError`` when the class is defined.
"""

import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import (
    Annotated,
    Any,
    Literal,
    NoReturn,
    Self,
    TypeVar,
    Union,
    get_args,
    get_origin,
)

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationError,
    computed_field,
    model_validator,
)
from pydantic.fields import ComputedFieldInfo, FieldInfo
from pydantic_core import InitErrorDetails, PydanticCustomError, PydanticUndefined

from scaffold_schemas.base import BaseContext
from scaffold_schemas.fields import DocumentStatus, IsoDate, SingleLineText, Text, VersionString

__all__ = [
    "COLUMN_KEY",
    "PART_KEY",
    "SECTION_FORM_KEY",
    "SECTION_KEY",
    "BaseDocumentContext",
    "ColumnStyle",
    "DocumentItem",
    "DocumentSection",
    "PartForm",
    "SectionBlock",
    "SectionForm",
    "Subsection",
    "SubsectionPart",
    "TableColumn",
    "column",
    "part",
    "repeated_headings",
    "section",
]

SECTION_KEY = "section"
"""The JSON Schema key that names the heading a field renders under."""

SECTION_FORM_KEY = "section_form"
"""The JSON Schema key that says how a section's value renders (see ``section``)."""

COLUMN_KEY = "column"
"""The JSON Schema key of an item field that is a table column (see ``column``)."""

PART_KEY = "part"
"""The JSON Schema key of an item field that is part of a subsection (see ``part``)."""

SectionForm = Literal["text", "bullets", "numbered", "code", "table", "subsections", "block"]
"""How a section's value renders; the module docstring describes each form."""

PartForm = Literal["text", "line", "bullets"]
"""How an item field renders in its subsection: paragraphs, ``Label: value``, or bullets."""

ColumnStyle = Literal["label", "capitalize"]
"""How a table cell shows its value: a status label (``[IN PROGRESS]``) or capitalized."""

_FORMS: tuple[str, ...] = get_args(SectionForm)
_PART_FORMS: tuple[str, ...] = get_args(PartForm)
_STYLES: tuple[str, ...] = get_args(ColumnStyle)
_ITEM_FORMS = ("table", "subsections")
_OPTION_FORMS = {
    "label": ("bullets",),
    "language": ("code",),
    "subheading": ("subsections", "block"),
}

_Loc = tuple[str | int, ...]


def section(
    heading: str,
    form: SectionForm | None = None,
    *,
    label: str | None = None,
    language: str | None = None,
    subheading: str | None = None,
    key: Sequence[str] = (),
    before: str | None = None,
    closing: bool = False,
) -> dict[str, JsonValue]:
    """Mark a field as rendered under ``## heading`` when it has a value, in ``form``.

    Use it as ``Field(..., json_schema_extra=section("Goals", "bullets"))``, or on a
    ``computed_field``. The declaration is part of the JSON Schema, so the catalogue documents
    it. ``label`` heads a bullet list (``In scope:``); ``language`` names a code form's
    language; ``subheading`` is the item field whose value heads each item (``"subsections"``,
    or a ``"block"`` whose template writes such headings); ``key`` names item fields that
    together must be unique; ``before`` places the section before the named field's (for a
    computed field, whose sections otherwise follow the fields'); ``closing`` places it after
    every other section. Without ``form`` the template renders the field itself.
    """
    declared: dict[str, JsonValue] = {"form": form} if form else {}
    options: dict[str, JsonValue] = {
        "label": label,
        "language": language,
        "subheading": subheading,
        "key": list(key) or None,
        "before": before,
        "closing": closing or None,
    }
    declared |= {name: value for name, value in options.items() if value is not None}
    return (
        {SECTION_KEY: heading, SECTION_FORM_KEY: declared} if declared else {SECTION_KEY: heading}
    )


def column(
    header: str, *, empty: str = "", style: ColumnStyle | None = None, optional: bool = False
) -> dict[str, JsonValue]:
    """Mark an item field as the table column ``header`` (``json_schema_extra=column(...)``).

    ``empty`` is shown when the value is ``None``; ``style`` formats a value; an ``optional``
    column is left out of the table when no row has a value.
    """
    declared: dict[str, JsonValue] = {"header": header}
    if empty:
        declared["empty"] = empty
    if style is not None:
        declared["style"] = style
    if optional:
        declared["optional"] = True
    return {COLUMN_KEY: declared}


def part(form: PartForm = "text", *, label: str | None = None) -> dict[str, JsonValue]:
    """Mark an item field as part of its subsection's body, in field order.

    ``"text"``: its paragraphs; ``"line"``: ``Label: value``; ``"bullets"``: a ``Label:`` line
    and the list. Parts with no value are left out.
    """
    declared: dict[str, JsonValue] = {"form": form}
    if label is not None:
        declared["label"] = label
    return {PART_KEY: declared}


def repeated_headings(headings: Iterable[str]) -> list[str]:
    """Each spelling that repeats an earlier heading (case ignored), once, in order."""
    seen: set[str] = set()
    repeated: list[str] = []
    for heading in headings:
        normalised = heading.casefold()
        if normalised in seen and heading not in repeated:
            repeated.append(heading)
        seen.add(normalised)
    return repeated


class DocumentItem(BaseModel):
    """Base of one item of a document's list (a table row, a subsection): no unknown keys."""

    model_config = ConfigDict(extra="forbid")


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class TableColumn(_View):
    """One column of a table: its header, the text for a missing value, its cell style."""

    header: str
    empty: str = ""
    style: ColumnStyle | None = None


class SubsectionPart(_View):
    """One piece of a subsection's body: ``text`` (paragraphs or a line) or ``items``."""

    form: PartForm
    label: str | None = None
    text: str = ""
    items: list[str] = []


class Subsection(_View):
    """One ``###`` entry of a section: its heading and the parts of its body."""

    heading: str
    parts: list[SubsectionPart]


class SectionBlock(_View):
    """One field's content under its section heading, in the field's declared form.

    ``text`` for ``"text"``; ``items`` for ``"bullets"``, ``"numbered"`` and ``"code"``;
    ``columns`` and ``rows`` (one cell per column, ``None`` when missing) for ``"table"``;
    ``subsections`` for ``"subsections"``; nothing for ``"block"``, whose content the
    template's block named ``field`` renders.
    """

    field: str
    form: SectionForm
    label: str | None = None
    language: str = ""
    text: str = ""
    items: list[str] = []
    columns: list[TableColumn] = []
    rows: list[list[str | None]] = []
    subsections: list[Subsection] = []


class DocumentSection(_View):
    """A filled section: its heading and the blocks of the fields declared under it.

    ``closing`` sections come after the template's ``body`` block, the others before it.
    """

    heading: str
    closing: bool = False
    blocks: list[SectionBlock]


_V = TypeVar("_V", bound=_View)


def _view(cls: type[_V], values: dict[str, Any]) -> _V:
    """``cls.model_construct(**values)``, the class read once: views are built per rendering.

    Unvalidated, as ``model_construct``: ``values`` are text made here or views validated
    already. Same instance (``__dict__`` in field order, a field left out at its default,
    an empty list default a new list, the fields given as ``model_fields_set``).
    """
    filled: dict[str, Any] = {}
    for name, default in _view_defaults(cls):
        if name in values:
            filled[name] = values[name]
        elif default is list:
            filled[name] = []
        elif default is not PydanticUndefined:
            filled[name] = default
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", filled)
    object.__setattr__(instance, "__pydantic_fields_set__", values.keys() & filled.keys())
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


@cache
def _view_defaults(cls: type[_View]) -> tuple[tuple[str, object], ...]:
    """Each field and its default: ``PydanticUndefined`` if required, ``list`` for ``[]``.

    Views declare no aliases, factories or mutable defaults other than ``[]``; a view that
    did would be caught here, when first built.
    """
    defaults: list[tuple[str, object]] = []
    for name, field in cls.model_fields.items():
        default = field.default
        if field.alias or field.validation_alias or field.default_factory is not None:
            raise TypeError(f"{cls.__name__}.{name}: a view field with an alias or factory")
        if default == [] and type(default) is list:
            default = list
        elif type(default) not in (str, bool, type(None), type(PydanticUndefined)):
            raise TypeError(f"{cls.__name__}.{name}: a view default must be immutable or []")
        defaults.append((name, default))
    return tuple(defaults)


@dataclass(frozen=True)
class _Declared:
    """One field's section declaration, read from its ``json_schema_extra``."""

    name: str
    heading: str
    form: SectionForm
    options: dict[str, Any]
    item: type[BaseModel] | None


class BaseDocumentContext(BaseContext):
    """Title, review metadata and the framing sections every document has.

    Subclasses declare their sections (module docstring); the template reads ``sections``
    through the shared layout. Raises ``ValidationError`` with one error per repeated
    subheading or key, at the item that repeats it.
    """

    title: SingleLineText = Field(description="The document's title, its first heading.")
    status: DocumentStatus = Field(default="draft", description="Where the document stands.")
    version: VersionString = Field(default="0.1", description="The document's own version.")
    last_updated: IsoDate | None = Field(
        default=None,
        description="Date of the last substantive change; the scaffold date when omitted.",
    )
    purpose: Text | None = Field(
        default=None,
        description="Why the document exists, in a sentence or two.",
        json_schema_extra=section("Purpose", "text"),
    )
    scope_in: list[SingleLineText] = Field(
        default_factory=list,
        description="What the document covers.",
        json_schema_extra=section("Scope", "bullets", label="In scope"),
    )
    scope_out: list[SingleLineText] = Field(
        default_factory=list,
        description="What it deliberately leaves out.",
        json_schema_extra=section("Scope", "bullets", label="Out of scope"),
    )
    prerequisites: list[SingleLineText] = Field(
        default_factory=list,
        description="What a reader should know or have done first.",
        json_schema_extra=section("Prerequisites", "bullets"),
    )
    related_docs: list[SingleLineText] = Field(
        default_factory=list,
        description="Other documents to read alongside, as titles or relative links.",
        json_schema_extra=section("Related documents", "bullets", closing=True),
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:  # noqa: ANN401 -- pydantic's
        """Read the section declarations now, so that a mistake fails at import."""
        super().__pydantic_init_subclass__(**kwargs)
        _declarations(cls)

    @classmethod
    def section_fields(cls) -> tuple[str, ...]:
        """The fields and computed fields ``sections`` reads: those declaring a form."""
        return tuple(declared.name for declared in _declarations(cls))

    @model_validator(mode="after")
    def _unique_items(self) -> Self:
        errors: list[InitErrorDetails] = [
            {
                "type": PydanticCustomError(f"repeated_{code}", message),
                "loc": loc,
                "input": _at(self, loc),
            }
            for declared in _declarations(type(self))
            for loc, code, message in _repeated_items(declared, getattr(self, declared.name))
        ]
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sections(self) -> list[DocumentSection]:
        """The filled sections in declared order, fields sharing a heading in one section."""
        blocks: dict[str, list[SectionBlock]] = {}
        closing: dict[str, bool] = {}
        for declared in _declarations(type(self)):
            value = getattr(self, declared.name)
            if not _filled(value):
                continue
            blocks.setdefault(declared.heading, []).append(_block(declared, value))
            closing.setdefault(declared.heading, bool(declared.options.get("closing")))
        return [
            _view(
                DocumentSection,
                {"heading": heading, "closing": closing[heading], "blocks": filled},
            )
            for heading, filled in blocks.items()
        ]


@cache
def _declarations(cls: type[BaseModel]) -> tuple[_Declared, ...]:
    """The fields and computed fields of ``cls`` that declare a form, in rendering order."""
    entries: list[tuple[str, FieldInfo | ComputedFieldInfo]] = [
        *cls.model_fields.items(),
        *cls.model_computed_fields.items(),
    ]
    found = [
        _declared(cls, name, info, extra)
        for name, info in entries
        if isinstance(extra := info.json_schema_extra, dict)
        and isinstance(extra.get(SECTION_FORM_KEY), dict)
        and "form" in extra[SECTION_FORM_KEY]  # type: ignore[operator]
    ]
    order = [declared.name for declared in found]
    for declared in found:
        before = declared.options.get("before")
        if before is not None:
            if before not in order:
                _wrong(cls, declared.name, f"before={before!r} names no declared section")
            order.remove(declared.name)
            order.insert(order.index(before), declared.name)
    ranked = sorted(found, key=lambda d: (bool(d.options.get("closing")), order.index(d.name)))
    return tuple(ranked)


def _declared(
    cls: type[BaseModel],
    name: str,
    info: FieldInfo | ComputedFieldInfo,
    extra: dict[str, Any],
) -> _Declared:
    """The declaration in ``extra`` (a field's ``json_schema_extra``), checked against it."""
    heading = extra.get(SECTION_KEY)
    declaration: dict[str, Any] = extra[SECTION_FORM_KEY]
    form = declaration["form"]
    if form not in _FORMS:
        _wrong(cls, name, f"unknown form {form!r} (forms: {', '.join(_FORMS)})")
    if not isinstance(heading, str) or not heading.strip():
        _wrong(cls, name, "the section needs a heading")
    for option, forms in _OPTION_FORMS.items():
        if option in declaration and form not in forms:
            _wrong(cls, name, f"{option}= is for the {' and '.join(forms)} form, not {form!r}")
    annotation = info.annotation if isinstance(info, FieldInfo) else info.return_type
    item = _item_model(annotation)
    named = [declaration.get("subheading"), *declaration.get("key", [])]
    if form in _ITEM_FORMS or any(named):
        if item is None:
            _wrong(cls, name, f"form {form!r} needs a list of models")
        missing = [field for field in named if field and field not in item.model_fields]
        if missing:
            _wrong(cls, name, f"{', '.join(missing)}: no field of {item.__name__}")
    if form == "subsections" and not declaration.get("subheading"):
        _wrong(cls, name, "form 'subsections' needs subheading=<the item field of its heading>")
    if form == "table" and item is not None:
        _columns(cls, name, item)
    if form == "subsections" and item is not None:
        _parts(cls, name, item)
    options = {key: value for key, value in declaration.items() if key != "form"}
    return _Declared(name, heading, form, options, item)


def _wrong(cls: type, name: str, problem: str) -> NoReturn:
    raise TypeError(f"{cls.__name__}.{name}: section declaration: {problem}")


def _item_model(annotation: object) -> type[BaseModel] | None:
    """The model a field holds, alone or in a list (``Annotated`` and ``| None`` unwrapped)."""
    while True:
        origin = get_origin(annotation)
        arguments = [a for a in get_args(annotation) if a is not type(None)]
        if origin is Annotated or (
            origin in (list, Union, types.UnionType) and len(arguments) == 1
        ):
            annotation = arguments[0]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        else:
            return None


@cache
def _marked(item: type[BaseModel], key: str) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The item fields carrying the ``key`` declaration, in field order, with it."""
    return tuple(
        (name, extra[key])  # type: ignore[misc]
        for name, info in item.model_fields.items()
        if isinstance(extra := info.json_schema_extra, dict) and isinstance(extra.get(key), dict)
    )


def _columns(cls: type, name: str, item: type[BaseModel]) -> None:
    columns = list(_marked(item, COLUMN_KEY))
    if not columns:
        _wrong(cls, name, f"a table needs item fields declared with column(); {item.__name__}")
    for field, declared in columns:
        if declared.get("style") not in (None, *_STYLES):
            _wrong(cls, name, f"{item.__name__}.{field}: unknown column style")


def _parts(cls: type, name: str, item: type[BaseModel]) -> None:
    for field, declared in _marked(item, PART_KEY):
        if declared.get("form") not in _PART_FORMS:
            _wrong(cls, name, f"{item.__name__}.{field}: unknown part form")


def _block(declared: _Declared, value: Any) -> SectionBlock:  # noqa: ANN401 -- any field
    """``value`` as the content of one block, in ``declared``'s form.

    Built without validation (``construct``, as ``model_construct``): every value is text
    made here or a view validated already, and the declaration was checked when its class
    was defined.
    """
    form = declared.form
    common: dict[str, Any] = {
        "field": declared.name,
        "form": form,
        "label": declared.options.get("label"),
    }
    if form == "text":
        common["text"] = str(value)
    elif form in ("bullets", "numbered", "code"):
        items = value if isinstance(value, list) else [value]
        common["items"] = [str(item) for item in items]
        common["language"] = declared.options.get("language") or ""
    elif form == "table":
        assert declared.item is not None  # noqa: S101 -- checked when the class was defined
        columns, rows = _table(declared.item, value if isinstance(value, list) else [value])
        common["columns"] = columns
        common["rows"] = rows
    elif form == "subsections":
        heading = declared.options["subheading"]
        common["subsections"] = [_subsection(i, heading) for i in value]
    return _view(SectionBlock, common)


def _table(
    item: type[BaseModel], rows: list[BaseModel]
) -> tuple[list[TableColumn], list[list[str | None]]]:
    """The columns that have something to show, and the rows' cells in them."""
    shown = [
        (field, declared)
        for field, declared in _marked(item, COLUMN_KEY)
        if not declared.get("optional") or any(getattr(row, field) is not None for row in rows)
    ]
    columns = [
        TableColumn(header=d["header"], empty=d.get("empty", ""), style=d.get("style"))
        for _, d in shown
    ]
    cells = [[_text(getattr(row, field)) for field, _ in shown] for row in rows]
    return columns, cells


def _filled(value: object) -> bool:
    """Whether a value has something to show: not ``None``, not an empty text or list."""
    return value is not None and not (isinstance(value, str | list) and not value)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _subsection(item: BaseModel, heading: str) -> Subsection:
    parts = []
    for field, declared in _marked(type(item), PART_KEY):
        value = getattr(item, field)
        if not _filled(value):
            continue
        items = [str(entry) for entry in value] if isinstance(value, list) else []
        text = "" if isinstance(value, list) else str(value)
        parts.append(
            SubsectionPart(
                form=declared["form"], label=declared.get("label"), text=text, items=items
            )
        )
    return _view(Subsection, {"heading": str(getattr(item, heading)), "parts": parts})


def _repeated_items(declared: _Declared, value: object) -> Iterator[tuple[_Loc, str, str]]:
    """Each item whose subheading or key repeats an earlier item's, at its location."""
    if not isinstance(value, list):
        return
    name = declared.name
    heading = declared.options.get("subheading")
    if heading is not None:
        headings: dict[str, int] = {}
        for index, item in enumerate(value):
            text = str(getattr(item, heading))
            first = headings.setdefault(text.casefold(), index)
            if first != index:
                yield (
                    (name, index, heading),
                    "heading",
                    (
                        f"'{text}' is already the {heading} of {name}.{first}; each {heading}"
                        " is a heading and must be unique (case ignored)"
                    ),
                )
    key: list[str] = declared.options.get("key", [])
    keys: dict[tuple[object, ...], int] = {}
    for index, item in enumerate(value if key else []):
        first = keys.setdefault(tuple(getattr(item, field) for field in key), index)
        if first == index:
            continue
        if len(key) == 1:
            given = getattr(item, key[0])
            yield (
                (name, index, key[0]),
                "key",
                (
                    f"'{given}' is already the {key[0]} of {name}.{first}; each {key[0]} in"
                    f" {name} must be unique"
                ),
            )
        else:
            given = " and ".join(f"{field} '{getattr(item, field)}'" for field in key)
            yield (
                (name, index),
                "key",
                (
                    f"{given} are already those of {name}.{first}; each {' and '.join(key)}"
                    f" pair in {name} must be unique"
                ),
            )


def _at(model: BaseModel, loc: _Loc) -> object:
    """The input value at ``loc`` (for the error report)."""
    value: object = model
    for step in loc:
        if isinstance(step, int) and isinstance(value, list):
            value = value[step]
        else:
            value = getattr(value, str(step))
    return value.model_dump() if isinstance(value, BaseModel) else value
