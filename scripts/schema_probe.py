"""Does ``scaffold schema TYPE`` say what the validator says? A probe over every installed type.

For every discovered artifact type and each of its examples, each top-level field of the
exported JSON Schema is replaced in turn by each value of a fixed list of generic bad values
(``BAD_VALUES``); one more case per example adds the ``$schema`` key an editor writes, which
both sides must accept. Each case gets two verdicts: the exported schema's (``jsonschema``, Draft
2020-12, formats asserted, as validate-architecture checks it) and the validator's (the core's
``validate_context``). The schema may be looser than the validator (a rule across fields, or
one a pattern cannot say), never stricter: a context an editor flags as wrong that scaffold
accepts is a bug in the schema.

    .venv/bin/python scripts/schema_probe.py [TYPE...] [--looser]

prints the agreement per type and in total, every case where the schema is stricter (and
with ``--looser`` every case where it is looser, with the validator's first problem), and
exits 1 when the agreement is below ``TARGET`` or any case is schema-stricter.
"""

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TextIO

from scaffold_core import ArtifactRegistry, ArtifactType, InvalidInput
from scaffold_core.architecture.json_schema import schema_validator
from scaffold_core.text_table import table
from scaffold_core.validate import validate_context

TARGET = 0.99
"""The least share of cases where both verdicts agree."""

BAD_VALUES: tuple[tuple[str, object], ...] = (
    ("null", None),
    ("true", True),
    ("false", False),
    ("0", 0),
    ("1", 1),
    ("-1", -1),
    ("1.5", 1.5),
    ("1e300", 1e300),
    ("empty string", ""),
    ("whitespace", "   "),
    ("300 characters", "a" * 300),
    ("'in t'", "in t"),
    ("'Bad Name'", "Bad Name"),
    ("'not a class'", "not a class"),
    ("keyword 'class'", "class"),
    ("keyword 'None'", "None"),
    ("soft keyword 'match'", "match"),
    ("soft keyword 'type'", "type"),
    ("'_'", "_"),
    ("'l'", "l"),
    ("'I'", "I"),
    ("'_x'", "_x"),
    ("'__init__'", "__init__"),
    ("control character", "a\x1eb"),
    ("tab", "a\tb"),
    ("newline", "a\nb"),
    ("CRLF", "a\r\nb"),
    ("line separator", "a\u2028b"),
    ("NUL", "a\x00b"),
    ("zero-width space", "\u200b"),
    ("'#'", "#"),
    ("heading", "# Title"),
    ("setext underline", "Title\n---"),
    ("empty list", []),
    ("long list", ["item"] * 300),
    ("list of empty strings", ["", ""]),
    ("list of numbers", [1, 2]),
    ("list of null", [None]),
    ("{}", {}),
    ('{"unknown": 1}', {"unknown": 1}),
)
"""Generic bad values: wrong JSON types, text a field type refuses, names Python refuses."""

Verdict = Literal["accepted", "rejected", "crashed"]


@dataclass(frozen=True)
class Case:
    """One example with one top-level field replaced, and what each side said."""

    artifact_id: str
    example: int
    field: str
    label: str
    schema: Verdict
    validator: Verdict
    detail: str

    @property
    def agrees(self) -> bool:
        """Both accepted, or both rejected."""
        return self.schema == self.validator

    @property
    def schema_stricter(self) -> bool:
        """The schema refuses what the validator accepts (the case that must never happen)."""
        return self.schema == "rejected" and self.validator == "accepted"

    @property
    def schema_looser(self) -> bool:
        """The schema accepts what the validator refuses (a rule JSON Schema does not say)."""
        return self.schema == "accepted" and self.validator == "rejected"


def probe_type(artifact: ArtifactType) -> Iterator[Case]:
    """Every case of one artifact type, example by example, field by field, value by value."""
    schema = artifact.json_schema()
    validator = schema_validator(schema)
    fields = list(schema.get("properties", {}))
    editor_key = ("$schema", "an editor's schema reference", schema.get("$id", "schema.json"))
    for number, example in enumerate(artifact.examples(), 1):
        replaced = [(field, *bad) for field in fields for bad in BAD_VALUES]
        for field, label, value in [editor_key, *replaced]:
            context = {**example, field: value}
            schema_verdict: Verdict = "accepted" if validator.is_valid(context) else "rejected"
            verdict, detail = _validator_verdict(artifact, context)
            yield Case(artifact.artifact_id, number, field, label, schema_verdict, verdict, detail)


def _validator_verdict(artifact: ArtifactType, context: dict[str, object]) -> tuple[Verdict, str]:
    try:
        validate_context(artifact, context)
    except InvalidInput as invalid:
        return "rejected", _one_line(str(invalid.problems[0]))
    except Exception as error:  # noqa: BLE001 -- a crash is a finding of the probe, reported
        return "crashed", _one_line(f"{type(error).__name__}: {error}")
    return "accepted", ""


def _one_line(text: str) -> str:
    """``text`` with every character that is not printable escaped, so a case is one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def probe(registry: ArtifactRegistry, artifact_ids: Iterable[str] = ()) -> list[Case]:
    """Every case of the chosen artifact types (default: every installed one)."""
    chosen = sorted(artifact_ids) or registry.ids()
    return [case for artifact_id in chosen for case in probe_type(registry.get(artifact_id))]


def agreement(cases: Sequence[Case]) -> float:
    """The share of ``cases`` where both verdicts agree (1.0 for no case)."""
    return sum(case.agrees for case in cases) / len(cases) if cases else 1.0


def report(cases: Sequence[Case], out: TextIO, *, looser: bool = False) -> bool:
    """Print the figures per type and the disagreements; whether the probe passes."""
    rows = []
    for artifact_id in sorted({case.artifact_id for case in cases}):
        own = [case for case in cases if case.artifact_id == artifact_id]
        rows.append(_row(artifact_id, own))
    rows.append(_row("total", cases))
    out.write(table(_COLUMNS, rows))
    stricter = [case for case in cases if case.schema_stricter]
    shown = [("schema stricter than the validator", stricter)]
    crashed = [case for case in cases if "crashed" in (case.schema, case.validator)]
    shown.append(("validator crashed", crashed))
    if looser:
        shown.append(("schema looser than the validator", [c for c in cases if c.schema_looser]))
    for title, chosen in shown:
        out.write(f"\n{title}: {len(chosen)}\n")
        out.writelines(
            f"  {c.artifact_id} example {c.example} {c.field} = {c.label}"
            f"{': ' + c.detail if c.detail else ''}\n"
            for c in chosen
        )
    passed = agreement(cases) >= TARGET and not stricter and not crashed
    out.write(f"\n{'passed' if passed else 'failed'} (target: >= {TARGET:.0%}, 0 stricter)\n")
    return passed


_COLUMNS = ("type", "cases", "agree", "agreement", "stricter", "looser", "crashed")


def _row(name: str, cases: Sequence[Case]) -> dict[str, object]:
    return {
        "type": name,
        "cases": len(cases),
        "agree": sum(case.agrees for case in cases),
        "agreement": f"{agreement(cases):.2%}",
        "stricter": sum(case.schema_stricter for case in cases),
        "looser": sum(case.schema_looser for case in cases),
        "crashed": sum("crashed" in (case.schema, case.validator) for case in cases),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the probe; exit 0 when it passes, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("types", nargs="*", metavar="TYPE", help="artifact types (default: all)")
    parser.add_argument("--looser", action="store_true", help="list schema-looser cases too")
    arguments = parser.parse_args(argv)
    cases = probe(ArtifactRegistry(), arguments.types)
    return 0 if report(cases, sys.stdout, looser=arguments.looser) else 1


if __name__ == "__main__":
    sys.exit(main())
