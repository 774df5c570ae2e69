"""Artifact type ``interface``: a typing.Protocol with methods."""
