"""Write a file atomically, never replacing an existing one unless asked to."""

import os
import tempfile
from pathlib import Path

from scaffold_core.errors import OutputExists, WriteFailed

__all__ = ["write_atomic"]


def write_atomic(target: Path, content: str, *, overwrite: bool) -> None:
    """Write ``content`` to ``target`` so that readers see the old file or the new, whole.

    The text goes to a temporary file in the same folder, is flushed to disk, then moved into
    place: ``os.replace`` when overwriting, else a hard link that fails if the target exists,
    which makes "create only if absent" atomic even against other processes.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise _failed(target, error) from error
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        staged = Path(temporary)
        staged.chmod(0o644)  # mkstemp creates 0600; give the file a normal file's mode
        if overwrite:
            staged.replace(target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise _exists(target) from None
    except OSError as error:
        raise _failed(target, error) from error
    finally:
        Path(temporary).unlink(missing_ok=True)


def _exists(target: Path) -> OutputExists:
    return OutputExists(f"{target} already exists: pass --force to overwrite it")


def _failed(target: Path, error: OSError) -> WriteFailed:
    return WriteFailed(f"cannot write {target}: {error.strerror or error}")
