"""Lokalisierung: Sprache und Währung für Rechnungen – "Zürich" ist der Standardort."""

from pydantic import BaseModel, ConfigDict, Field


class Lokalisierung(BaseModel):
    """Sprache und Währung für Rechnungen – "Zürich" ist der Standardort."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sprache: str = Field(
        default="de-CH",
        description="Sprache nach BCP 47, z. B. \"de-CH\" oder 'fr-CH'.",
    )
    waehrung: str = Field(
        default="CHF",
        description='Währung (ISO 4217), endet mit "Anführungszeichen"',
    )
