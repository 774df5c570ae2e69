"""InvoiceNumbering: Hands out gap-free invoice numbers per year."""

from collections.abc import Callable
from datetime import date


class InvoiceNumbering:
    """Hands out gap-free invoice numbers per year.

    Responsibilities:
    - Never reuse a number
    - Start at 1 every January
    """

    def __init__(self, today: Callable[[], date]) -> None:
        """Inject the collaborators the service works with."""
        self._today = today

    def next_number(self) -> str:
        """Next number."""
        raise NotImplementedError
