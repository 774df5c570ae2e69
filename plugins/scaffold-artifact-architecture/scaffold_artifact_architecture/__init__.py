"""Artifact type ``architecture``: an architecture document."""
