"""Artifact type ``research``: a research document."""
