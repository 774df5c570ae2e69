"""Artifact type ``service``: an application service with typed operations."""
