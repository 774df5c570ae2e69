"""Integration tests of the scenario "Refund of a "gift" order".

Geschenkgutscheine – Rückerstattung an den Käufer, nicht den Beschenkten.
  Indented line, then a "quoted" word at the end: "end"

The async tests run on the pytest-asyncio plugin.
"""

import pytest


@pytest.fixture
def gift_cards() -> dict[str, int]:
    """Card code → balance in cents, e.g. {"GC-1": 500}."""
    raise NotImplementedError


class TestGiftRefund:
    """Refund of a "gift" order."""

    @pytest.mark.asyncio
    async def test_refunds_buyer(self, gift_cards: dict[str, int]) -> None:
        """The buyer gets the money back – never the "recipient\""""
        raise NotImplementedError

    @pytest.mark.parametrize("code", ["GC-1", "GC-ÄÖÜ"])
    def test_rejects_spent_cards(self, code) -> None:
        """Rejects spent cards."""
        raise NotImplementedError
