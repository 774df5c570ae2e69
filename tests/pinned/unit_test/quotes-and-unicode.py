"""Unit tests for app.i18n.quotes.

Typographic quotes – «», „“ and "straight" ones; ends with a quote \"
"""

import pytest
from app.i18n.quotes import QuoteStyle


@pytest.fixture
def quote_style() -> QuoteStyle:
    """Build the QuoteStyle a test exercises."""
    raise NotImplementedError


class TestQuoteStyle:
    """Tests for QuoteStyle."""

    def test_picks_guillemets_for_french(
        self,
        quote_style: QuoteStyle,
        request: pytest.FixtureRequest,
    ) -> None:
        """French text gets «guillemets», not "straight quotes\""""
        raise NotImplementedError
