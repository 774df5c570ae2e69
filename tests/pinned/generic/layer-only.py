"""AuditTrail: Part of the compliance layer."""


class AuditTrail:
    """Part of the compliance layer."""
