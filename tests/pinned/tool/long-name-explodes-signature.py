"""ReconcileOutstandingSupplierPaymentsAcrossAllLedgersTool: Reconcile outstanding supplier payments across all ledgers."""

from pydantic import BaseModel, ConfigDict, Field


class ReconcileOutstandingSupplierPaymentsAcrossAllLedgersInput(BaseModel):
    """What the ReconcileOutstandingSupplierPaymentsAcrossAllLedgers tool takes."""

    model_config = ConfigDict(frozen=True)


class ReconcileOutstandingSupplierPaymentsAcrossAllLedgersOutput(BaseModel):
    """What the ReconcileOutstandingSupplierPaymentsAcrossAllLedgers tool returns."""

    model_config = ConfigDict(frozen=True)

    reconciled_count_by_ledger: dict[str, int] = Field(
        description="How many payments were reconciled in each ledger, keyed by ledger code.",
    )


class ReconcileOutstandingSupplierPaymentsAcrossAllLedgersTool:
    """Reconcile outstanding supplier payments across all ledgers."""

    name = "reconcile_outstanding_supplier_payments_across_all_ledgers"
    description = "Reconcile outstanding supplier payments across all ledgers."

    async def run(
        self,
        request: ReconcileOutstandingSupplierPaymentsAcrossAllLedgersInput,
    ) -> ReconcileOutstandingSupplierPaymentsAcrossAllLedgersOutput:
        """Carry out ``request`` and return its result."""
        raise NotImplementedError
