"""Unit tests for app.text.normalize."""

import pytest
from app.text.normalize import Normalizer


@pytest.fixture
def normalizer() -> Normalizer:
    """Build the Normalizer a test exercises."""
    raise NotImplementedError


class TestNormalizeWhitespace:
    """Tests for NormalizeWhitespace."""

    @pytest.mark.parametrize(
        ("raw_text_with_whitespace", "expected_normalized_text"),
        [
            ("a  b", "a b"),
            (
                "tabs\tand\nnewlines between the words of a rather long sentence",
                "tabs and newlines between the words of a rather long sentence",
            ),
            ("  leading and trailing  ", "leading and trailing"),
        ],
        ids=[
            "double space",
            "tabs and newlines in a sentence that is long enough to need its own line",
            "leading and trailing",
        ],
    )
    def test_collapses_runs_of_whitespace_into_a_single_space(
        self,
        normalizer: Normalizer,
        raw_text_with_whitespace: str,
        expected_normalized_text: str,
    ) -> None:
        """Collapses runs of whitespace into a single space."""
        raise NotImplementedError

    @pytest.mark.parametrize(
        "text",
        [
            "Grüße aus Zürich, ein ganz normaler Satz ohne doppelte Leerzeichen darin",
            "plain",
            "",
        ],
    )
    def test_keeps_text_without_extra_whitespace(self, text) -> None:
        """Keeps text without extra whitespace."""
        raise NotImplementedError
