"""Artifact type ``worker``: a class that runs one unit of background work."""

from pydantic import Field, StrictBool, computed_field

from scaffold_schemas import (
    BaseRenderContext,
    Binding,
    ClassName,
    ClassOutline,
    ModuleOutline,
    PythonModuleContext,
    SingleLineText,
    SnakeCaseName,
    bindings,
    generated,
    method_summary,
)

__all__ = ["WorkerContext", "WorkerRenderContext"]


class WorkerContext(PythonModuleContext):
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
        default_factory=list,
        description="Steps of one run, each becomes a method, in order; not a name the"
        " worker defines itself (run, name, layer, __init__, _logger).",
    )
    use_async: StrictBool = Field(default=False, description="Generate async methods.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def step_summaries(self) -> dict[str, str]:
        """Each capability's docstring, by name: the name as a sentence."""
        return {name: method_summary(name) for name in self.capabilities}

    def module_outline(self) -> ModuleOutline:
        """One class: its name and layer, a logger, ``run`` and one method per capability."""
        return ModuleOutline(
            classes=[
                ClassOutline(
                    Binding(self.name, "class", ("name",)),
                    members=[
                        *generated("attribute", "name", "layer", "_logger"),
                        *generated("method", "__init__", "run"),
                        *bindings(self, "capabilities", "method"),
                    ],
                    generated_uses=["Logger"],
                )
            ],
            generated_imports=["logging.Logger", "logging.getLogger"],
        )


class WorkerRenderContext(WorkerContext, BaseRenderContext):
    """What the ``worker`` template receives."""
