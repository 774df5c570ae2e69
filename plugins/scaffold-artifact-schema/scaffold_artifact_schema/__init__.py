"""Artifact type ``schema``: a configuration model."""
