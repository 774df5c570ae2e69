"""Artifact type ``unit_test``: a pytest unit-test module."""
