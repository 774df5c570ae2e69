"""Integration tests of the scenario "Nightly stock reconciliation"."""

import pytest
from app.stock.reconcile import Reconciler
from app.stock.repository import StockRepository
from sqlalchemy import Engine


@pytest.fixture(scope="session")
def warehouse_db(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """One SQLite database for the whole session."""
    raise NotImplementedError


@pytest.fixture(scope="module")
def stock_repository(warehouse_db: Engine) -> StockRepository:
    """Provide the stock repository the scenario runs against."""
    raise NotImplementedError


@pytest.fixture
def reconciler(
    stock_repository: StockRepository,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Reconciler:
    """Provide the reconciler the scenario runs against."""
    raise NotImplementedError


class TestStockReconciliation:
    """Nightly stock reconciliation."""

    def test_reports_missing_items(
        self,
        reconciler: Reconciler,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        """Reports missing items."""
        raise NotImplementedError

    def test_leaves_matching_stock_alone(
        self,
        reconciler: Reconciler,
        stock_repository: StockRepository,
    ) -> None:
        """Nothing is written when the counts agree."""
        raise NotImplementedError
