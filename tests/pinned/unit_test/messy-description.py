"""Unit tests for app.parsing.csv_rows.

Rows of a CSV export.
          - quoted fields

          - empty lines
"""


class TestCsvRows:
    """Tests for CsvRows."""

    def test_skips_empty_lines(self) -> None:
        """Skips empty lines."""
        raise NotImplementedError
