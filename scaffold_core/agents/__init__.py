"""Agents: the skill (``scaffold skill``) and the MCP server (``scaffold mcp``).

The server's module imports the optional ``mcp`` SDK; nothing here imports it.
"""

from scaffold_core.agents.skill import skill_markdown
from scaffold_core.agents.tools import ProjectTools

__all__ = ["ProjectTools", "skill_markdown"]
