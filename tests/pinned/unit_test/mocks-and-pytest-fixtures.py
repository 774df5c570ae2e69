"""Unit tests for app.notifications.mailer."""

from unittest.mock import MagicMock

import pytest


@pytest.fixture
def mock_collaborator() -> MagicMock:
    """A fresh mock per test, standing in for a collaborator of the unit."""
    return MagicMock()


class TestMailer:
    """Tests for Mailer."""

    def test_sends_one_mail_per_recipient(
        self,
        mock_collaborator: MagicMock,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        """Sends one mail per recipient."""
        raise NotImplementedError

    def test_reads_smtp_host_from_environment(
        self,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The SMTP host comes from MAILER_HOST."""
        raise NotImplementedError
