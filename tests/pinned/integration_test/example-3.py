"""Integration tests of the scenario "Nightly report e-mail"."""


class TestNightlyReport:
    """Nightly report e-mail."""

    def test_sends_report_to_subscribers(self) -> None:
        """Sends report to subscribers."""
        raise NotImplementedError
