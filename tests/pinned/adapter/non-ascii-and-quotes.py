"""ZahlungsdienstAdapter: Spricht mit dem „Zahlungsdienst“ über "HTTP/2\""""

from requests import Session


class ZahlungsdienstAdapter:
    """Spricht mit dem „Zahlungsdienst“ über "HTTP/2\""""

    def __init__(self, client: Session) -> None:
        """Wrap ``client``, which the caller configures and owns."""
        self._client = client

    def ueberweisen(self, cents: int) -> None:
        """Überweist einen Betrag – in Cent, nicht in "Euro\""""
        raise NotImplementedError
