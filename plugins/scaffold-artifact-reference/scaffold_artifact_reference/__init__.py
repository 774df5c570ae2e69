"""Artifact type ``reference``: a reference document for a module and its tests."""
