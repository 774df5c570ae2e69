"""Integration tests of the scenario "Import of a product catalogue"."""

from pathlib import Path

import pytest
from app.catalogue import Catalogue


@pytest.fixture
def catalogue() -> Catalogue:
    """Provide the catalogue the scenario runs against."""
    raise NotImplementedError


class TestCatalogueImport:
    """Import of a product catalogue."""

    def test_imports_every_row(self, catalogue: Catalogue, tmp_path: Path) -> None:
        """Imports every row."""
        raise NotImplementedError

    def test_skips_rows_without_sku(
        self,
        catalogue: Catalogue,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        """Skips rows without sku."""
        raise NotImplementedError
