"""NotificationService: application service."""

from app.mail import Mailer
from app.sms import SmsGateway


class NotificationService:
    """Application service."""

    def __init__(self, mailer: Mailer, sms: SmsGateway | None) -> None:
        """Inject the collaborators the service works with."""
        self._mailer = mailer
        self._sms = sms
