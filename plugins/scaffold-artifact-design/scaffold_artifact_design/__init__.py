"""Artifact type ``design``: a design document."""
