"""LedgerService: service of the finance layer."""


class LedgerService:
    """Service of the finance layer.

    Responsibilities:
    - Post balanced journal entries only
    - Émettre le rapport de clôture « mensuel »
    - Keep the "closed" flag of a period final
    """
