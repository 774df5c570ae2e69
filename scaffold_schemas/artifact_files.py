"""The files of a multi-file artifact beyond its main one (optional for plugins).

An artifact type normally writes one file from one template. A Context that overrides
``BaseContext.artifact_files`` writes more: each ``ArtifactFile`` names a template of the
plugin and where its output goes, derived from the validated input. The core renders them
all, checks them all and writes them all or none (see ``docs/plugins.md``).
"""

from typing import NamedTuple

__all__ = ["ArtifactFile"]


class ArtifactFile(NamedTuple):
    """One more file of an artifact: which template renders it and where it is written.

    ``template`` is the template's path inside the plugin's ``templates/`` folder, POSIX
    form, e.g. ``"handler/README.md.jinja2"`` (a sub-folder keeps it apart from the main
    ``<id>.<ext>.jinja2``). ``path`` is the output path relative to the folder of the main
    file, POSIX form, e.g. ``"docs/README.md"``; ``-o`` moves the whole set. The file's
    format, and so its header's comment syntax (none for a format without comments, such
    as JSON), comes from ``path``'s extension.
    """

    template: str
    path: str
