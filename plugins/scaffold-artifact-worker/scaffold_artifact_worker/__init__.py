"""Artifact type ``worker``: a class that runs one unit of background work."""

from typing import Self

from pydantic import Field, model_validator

from scaffold_schemas import (
    BaseContext,
    BaseRenderContext,
    ClassName,
    SingleLineText,
    SnakeCaseName,
)

__all__ = ["WorkerContext", "WorkerRenderContext"]

_WORKER_METHODS = frozenset({"run", "name", "layer"})


class WorkerContext(BaseContext):
    """What a user provides to scaffold a worker."""

    default_output_path = "src/{layer}/workers/{name:snake}.py"

    name: ClassName = Field(description="The worker's class name, PascalCase.")
    layer: SnakeCaseName = Field(description="The architectural layer it belongs to.")
    description: SingleLineText | None = Field(
        default=None, description="One line on what the worker does; its docstring."
    )
    scope: SingleLineText | None = Field(
        default=None, description="What the worker handles and what it leaves alone."
    )
    responsibilities: list[SingleLineText] = Field(
        default_factory=list, description="What it is accountable for, one line each."
    )
    capabilities: list[SnakeCaseName] = Field(
        default_factory=list, description="Steps of one run, each becomes a method, in order."
    )
    use_async: bool = Field(default=False, description="Generate async methods.")

    @model_validator(mode="after")
    def _distinct_capabilities(self) -> Self:
        clashes = sorted(_WORKER_METHODS.intersection(self.capabilities))
        if clashes:
            raise ValueError(f"capabilities may not be named {', '.join(clashes)}")
        if len(set(self.capabilities)) != len(self.capabilities):
            raise ValueError("capabilities must be unique")
        return self


class WorkerRenderContext(WorkerContext, BaseRenderContext):
    """What the ``worker`` template receives."""
