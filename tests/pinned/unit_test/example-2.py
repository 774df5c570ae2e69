"""Unit tests for app.text.slugs."""


class TestSlugify:
    """Tests for Slugify."""

    def test_lowercases(self) -> None:
        """Lowercases."""
        raise NotImplementedError

    def test_drops_punctuation(self) -> None:
        """Drops punctuation."""
        raise NotImplementedError
