"""Unit tests for app.health."""


class TestHealthCheck:
    """Tests for HealthCheck."""
