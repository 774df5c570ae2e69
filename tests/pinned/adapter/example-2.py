"""SmtpMailerAdapter: adapter for ``SMTP``."""

from smtplib import SMTP


class SmtpMailerAdapter:
    """Wrap ``SMTP`` behind a typed API."""

    def __init__(self, client: SMTP) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client
