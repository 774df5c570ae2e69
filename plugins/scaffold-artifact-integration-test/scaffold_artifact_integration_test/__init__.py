"""Artifact type ``integration_test``: a pytest integration-test module."""
