"""Artifact type ``planning``: a planning document."""
