"""Unit tests for app.billing.invoices."""

from pathlib import Path

import pytest
from app.billing.invoices import Invoice, InvoiceRenderer


@pytest.fixture
def invoice_renderer() -> InvoiceRenderer:
    """Build the InvoiceRenderer a test exercises."""
    raise NotImplementedError


@pytest.fixture
def invoice() -> Invoice:
    """Build the Invoice a test exercises."""
    raise NotImplementedError


class TestInvoiceRenderer:
    """Tests for InvoiceRenderer."""

    def test_renders_pdf(
        self,
        invoice_renderer: InvoiceRenderer,
        invoice: Invoice,
        tmp_path: Path,
    ) -> None:
        """Renders pdf."""
        raise NotImplementedError

    @pytest.mark.parametrize("cents", [0, 123450, -99])
    def test_formats_amounts(self, cents: int) -> None:
        """Amounts follow the locale, e.g. 1.234,50 € in de-DE."""
        raise NotImplementedError
