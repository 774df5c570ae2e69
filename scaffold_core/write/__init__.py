"""Write: path safety and atomic, no-clobber file writes (one file or all-or-nothing)."""

from scaffold_core.write.atomic import write_all, write_atomic
from scaffold_core.write.journal import recover_interrupted_writes
from scaffold_core.write.safe_path import resolve_inside

__all__ = ["recover_interrupted_writes", "resolve_inside", "write_all", "write_atomic"]
