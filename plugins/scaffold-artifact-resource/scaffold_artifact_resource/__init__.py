"""Artifact type ``resource``: a read-only data provider."""
