"""Write: path safety and atomic, no-clobber file writes."""

from scaffold_core.write.atomic import write_atomic
from scaffold_core.write.safe_path import resolve_inside

__all__ = ["resolve_inside", "write_atomic"]
