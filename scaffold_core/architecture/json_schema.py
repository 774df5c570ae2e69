"""ARCH010: the exported JSON Schema is valid Draft 2020-12 and accepts every valid example.

``scaffold schema TYPE`` is what editors and CI jobs validate a context file against; an
example the validator accepts but the schema refuses means the schema is stricter than the
validator (e.g. a ``BeforeValidator`` that converts a number to text without declaring, with
``json_schema_input_type``, that it takes numbers). Formats (``date``...) are checked too.
An example the validator refuses is ARCH009's finding, not this rule's.

The only module that imports ``jsonschema``: only ``validate-architecture`` pays for it.
"""

from collections.abc import Iterator

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from scaffold_core.architecture.report import Finding, finding
from scaffold_core.discover import ArtifactType
from scaffold_core.discover.examples_file import ExamplesFileInvalid
from scaffold_core.errors import InvalidInput
from scaffold_core.validate import validate_context

__all__ = ["json_schema_findings", "schema_validator"]

_MAX_MESSAGE = 200


def schema_validator(schema: dict[str, object]) -> Draft202012Validator:
    """A Draft 2020-12 validator of ``schema`` that asserts formats; raises ``SchemaError``.

    ``SchemaError`` is raised when ``schema`` itself is not a valid Draft 2020-12 schema
    (a keyword of the wrong type, a ``pattern`` that is not a regular expression).
    """
    format_checker = Draft202012Validator.FORMAT_CHECKER
    Draft202012Validator.check_schema(schema, format_checker=format_checker)
    return Draft202012Validator(schema, format_checker=format_checker)


def json_schema_findings(artifact: ArtifactType) -> Iterator[Finding]:
    """One finding for an invalid schema, else one per valid example and place it fails."""
    try:
        validator = schema_validator(artifact.json_schema())
    except ExamplesFileInvalid:
        return  # a malformed examples data file is ARCH009's finding; nothing to check here
    except SchemaError as invalid:
        where = "/".join(str(part) for part in invalid.path) or "(root)"
        yield finding(
            artifact,
            "ARCH010",
            "JSON Schema",
            f"the exported JSON Schema is not valid Draft 2020-12 at {where}:"
            f" {_shortened(invalid.message)}",
        )
        return
    for number, example in enumerate(artifact.examples(), 1):
        try:
            validate_context(artifact, example)
        except InvalidInput:
            continue
        for error in validator.iter_errors(example):
            where = ".".join(str(part) for part in error.path) or "(whole input)"
            message = _shortened(error.message)
            yield finding(
                artifact,
                "ARCH010",
                f"example {number}",
                f"does not match the exported JSON Schema at {where}: {message}",
            )


def _shortened(message: str) -> str:
    return message if len(message) <= _MAX_MESSAGE else message[: _MAX_MESSAGE - 3] + "..."
