"""Artifact type ``tracking``: a progress and status log of work items."""
