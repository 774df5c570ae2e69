"""PruefeZahlungTool: Prüft eine "Zahlung" – und meldet 'Fehler' in Łódź, Malmö oder Zürich.

Responsibilities:
- Betrag prüfen
- Empfänger "validieren\"
"""

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field


class PruefeZahlungInput(BaseModel):
    """What the PruefeZahlung tool takes."""

    model_config = ConfigDict(frozen=True)

    betrag: Decimal = Field(description='Der Betrag in "EUR".')


class PruefeZahlungOutput(BaseModel):
    """What the PruefeZahlung tool returns."""

    model_config = ConfigDict(frozen=True)

    gueltig: bool = Field(default=True, description="Ob die Zahlung gültig ist.")


class PruefeZahlungTool:
    """Prüft eine "Zahlung" – und meldet 'Fehler' in Łódź, Malmö oder Zürich."""

    name = "pruefe_zahlung"
    description = (
        "Prüft eine \"Zahlung\" – und meldet 'Fehler' in Łódź, Malmö oder Zürich."
    )

    def run(self, request: PruefeZahlungInput) -> PruefeZahlungOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
