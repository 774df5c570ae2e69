"""Ephemeral artifact types: commit messages, pull-request and issue bodies."""
