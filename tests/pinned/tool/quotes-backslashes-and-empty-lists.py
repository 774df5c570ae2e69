"""QuoteEchoTool: Echoes the text "as given" – with a back\\slash and a trailing "quote"

Layer: demo

Responsibilities:
- Keep \"\"\"triple\"\"\" quotes
- End on a "quote\"
"""

from pydantic import BaseModel, ConfigDict


class QuoteEchoInput(BaseModel):
    """What the QuoteEcho tool takes."""

    model_config = ConfigDict(frozen=True)


class QuoteEchoOutput(BaseModel):
    """What the QuoteEcho tool returns."""

    model_config = ConfigDict(frozen=True)


class QuoteEchoTool:
    """Echoes the text "as given" – with a back\\slash and a trailing "quote\""""

    name = "quote_echo"
    description = (
        'Echoes the text "as given" – with a back\\slash and a trailing "quote"'
    )

    def run(self, request: QuoteEchoInput) -> QuoteEchoOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
