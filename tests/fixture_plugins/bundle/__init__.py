"""Multi-file artifact plugins: ``bundle`` writes a module, a README, JSON and TOML.

``bundle_twice`` names one path twice and ``bundle_bad`` has a companion template that
renders invalid Python: both are plugin bugs the core must catch before writing anything.
"""

from typing import ClassVar

from pydantic import Field

from scaffold_schemas import (
    ArtifactFile,
    BaseContext,
    BaseRenderContext,
    SingleLineText,
    SnakeCaseName,
)


class BundleContext(BaseContext):
    """A package folder: ``<name>/main.py`` plus a README, settings and a pyproject."""

    default_output_path: ClassVar[str | None] = "{name}/main.py"

    name: SnakeCaseName = Field(description="The package's name.")
    summary: SingleLineText = Field(description="One line about it.")
    with_settings: bool = Field(default=True, description="Write settings.json too.")

    def artifact_files(self) -> tuple[ArtifactFile, ...]:
        """README, pyproject and a module named after the package; settings when asked."""
        files = [
            ArtifactFile("bundle/README.md.jinja2", "README.md"),
            ArtifactFile("bundle/pyproject.toml.jinja2", "pyproject.toml"),
            ArtifactFile("bundle/module.py.jinja2", f"{self.name}/__init__.py"),
        ]
        if self.with_settings:
            files.append(ArtifactFile("bundle/settings.json.jinja2", "settings.json"))
        return tuple(files)


class BundleRenderContext(BundleContext, BaseRenderContext):
    """What the bundle templates receive."""


class BundleTwiceContext(BundleContext):
    """Names README.md twice: a plugin bug."""

    def artifact_files(self) -> tuple[ArtifactFile, ...]:
        """The README twice, under two spellings of one path."""
        return (
            ArtifactFile("bundle/README.md.jinja2", "README.md"),
            ArtifactFile("bundle/README.md.jinja2", "./README.md"),
        )


class BundleTwiceRenderContext(BundleTwiceContext, BaseRenderContext):
    """What the bundle_twice templates receive."""


class BundleBadContext(BundleContext):
    """Its companion module does not parse: a template bug."""

    def artifact_files(self) -> tuple[ArtifactFile, ...]:
        """The README, then a module that is not Python."""
        return (
            ArtifactFile("bundle/README.md.jinja2", "README.md"),
            ArtifactFile("bundle/broken.py.jinja2", "broken.py"),
        )


class BundleBadRenderContext(BundleBadContext, BaseRenderContext):
    """What the bundle_bad templates receive."""


class BundleFolderContext(BundleContext):
    """Writes ``conf`` as a file and as the folder of ``conf/config.toml``: a plugin bug."""

    def artifact_files(self) -> tuple[ArtifactFile, ...]:
        """A file and, under the same name, a folder."""
        return (
            ArtifactFile("bundle/pyproject.toml.jinja2", "conf/config.toml"),
            ArtifactFile("bundle/README.md.jinja2", "conf"),
        )


class BundleFolderRenderContext(BundleFolderContext, BaseRenderContext):
    """What the bundle_folder templates receive."""


class BundleDotContext(BundleContext):
    """Names the main file's folder itself as a file: a plugin bug."""

    def artifact_files(self) -> tuple[ArtifactFile, ...]:
        """The folder ``.``."""
        return (ArtifactFile("bundle/README.md.jinja2", "."),)


class BundleDotRenderContext(BundleDotContext, BaseRenderContext):
    """What the bundle_dot templates receive."""
