"""An artifact plugin whose examples and rejection cases live in examples data files.

``MemoContext`` also declares examples the older way (``json_schema_extra``) so that the
tests can see which source wins. Each artifact id has its own template and data file:
``memo`` (examples and rejections in the file), ``memo_class`` (no file: the class's
examples), ``memo_rejections`` (a file with rejections only), ``memo_malformed``.
"""

from typing import ClassVar, Self

from pydantic import ConfigDict, model_validator

from scaffold_schemas import BaseDocumentContext, BaseRenderContext, SingleLineText


class MemoContext(BaseDocumentContext):
    """A short Markdown memo."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"title": "Declared in the class", "body": "Old way."}]}
    )
    default_output_path: ClassVar[str | None] = "memos/{title:kebab}.md"

    body: SingleLineText

    @model_validator(mode="after")
    def _says_more_than_the_title(self) -> Self:
        if self.body == self.title:
            raise ValueError("the body repeats the title")
        return self


class MemoRenderContext(MemoContext, BaseRenderContext):
    """What the memo templates receive."""
