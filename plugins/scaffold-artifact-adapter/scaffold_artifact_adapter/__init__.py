"""Artifact type ``adapter``: an adapter wrapping an external client behind an interface."""
