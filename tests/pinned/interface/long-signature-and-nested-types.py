"""ReportRenderer: structural interface (typing.Protocol)."""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Literal, Protocol


class ReportRenderer(Protocol):
    """Structural interface: any class with these methods satisfies ``ReportRenderer``."""

    def render_quarterly_report_for_region(
        self,
        region_code: str,
        rows: Iterable[Mapping[str, Decimal | None]],
        formatter: Callable[[Decimal], str],
    ) -> dict[str, list[tuple[date, Decimal]]]:
        """Render quarterly report for region."""
        ...

    def kind(self) -> Literal["pdf", "html"]:
        """Kind."""
        ...
