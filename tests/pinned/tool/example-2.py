"""PingTool: Ping."""

from pydantic import BaseModel, ConfigDict


class PingInput(BaseModel):
    """What the Ping tool takes."""

    model_config = ConfigDict(frozen=True)


class PingOutput(BaseModel):
    """What the Ping tool returns."""

    model_config = ConfigDict(frozen=True)


class PingTool:
    """Ping."""

    name = "ping"
    description = "Ping."

    def run(self, request: PingInput) -> PingOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
