"""Ortsverzeichnis: Orte nach Postleitzahl – "amtlich" und 'aktuell'.

Source: Die Datei plz.csv des Bundesamts für Landestopografie (Zürich, Łódź, Malmö).
"""


class Ortsverzeichnis:
    """Orte nach Postleitzahl – "amtlich" und 'aktuell'."""

    def get(self, postleitzahl: str) -> str | None:
        """Return the item under ``postleitzahl``, or ``None`` when there is none."""
        raise NotImplementedError

    def all(self) -> list[str]:
        """Return every item, in the order of the source."""
        raise NotImplementedError
