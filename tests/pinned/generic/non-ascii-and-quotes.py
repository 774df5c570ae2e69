"""Uebersetzer: Übersetzt Texte ins "Schweizerdeutsche" – mit 'Grüezi' statt Hallo."""

from typing import Final


class Uebersetzer:
    """Übersetzt Texte ins "Schweizerdeutsche" – mit 'Grüezi' statt Hallo.

    Responsibilities:
    - Wörterbuch laden (Zürich, Bern, Basel)
    - Endet mit einem Zitat "so\"
    """

    STANDARD: Final[str] = "de-CH"
    """Die Sprache, wenn keine andere "gewünscht" ist"""

    def uebersetze(self, text: str) -> str:
        """Übersetzt einen Text; Backslashes wie \\n bleiben erhalten.

        Args:
            text: Der Text, z. B. "Guten Tag".
        """
        raise NotImplementedError
