"""Unit tests for app.sync.poller.

Polling the upstream feed.
Each poll fetches at most one page; "retries" are the client's business.

The async tests run on the pytest-asyncio plugin.
"""

import pytest


class TestPoller:
    """Tests for Poller."""

    @pytest.mark.asyncio
    async def test_fetches_first_page(self) -> None:
        """Fetches first page."""
        raise NotImplementedError
