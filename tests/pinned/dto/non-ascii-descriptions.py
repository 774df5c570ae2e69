"""Adresse: Postanschrift für Rechnungen – Straße, Ort."""

from pydantic import BaseModel, Field


class Adresse(BaseModel):
    """Postanschrift für Rechnungen – Straße, Ort."""

    strasse: str = Field(description="Straße und Hausnummer.")
    ort: str = Field(description="Ort (z. B. Zürich, Malmö, Łódź).")
