"""AuditService: application service."""


class AuditService:
    """Application service."""
