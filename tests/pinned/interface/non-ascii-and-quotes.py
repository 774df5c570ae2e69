"""Uebersetzer: Übersetzt Texte – etwa „Grüße“ oder "Hallo\""""

from typing import Protocol


class Uebersetzer(Protocol):
    """Übersetzt Texte – etwa „Grüße“ oder "Hallo\""""

    def uebersetzen(self, text: str, ziel: str) -> str:
        """Gibt den Text in der Zielsprache zurück, z. B. "Bonjour\""""
        ...
