"""Artifact type ``generic``: a plain module with a class."""
