"""Artifact type ``tool``: a command/tool object with typed input and output."""
