"""CountryCatalog: Countries by ISO 3166 alpha-2 code.

Source: The ISO 3166 table shipped with the package (countries.csv).
"""

from functools import cached_property

from app.geo import Country, Region


class CountryCatalog:
    """Countries by ISO 3166 alpha-2 code.

    Every item is loaded once, on first use, and then served from memory.
    """

    def get(self, code: str) -> Country | None:
        """Return the item under ``code``, or ``None`` when there is none."""
        return self._items.get(code)

    def all(self) -> list[Country]:
        """Return every item, in the order of the source."""
        return list(self._items.values())

    def in_region(self, region: Region) -> list[Country]:
        """The countries of one region, by name."""
        raise NotImplementedError

    def count(self) -> int:
        """How many countries there are."""
        raise NotImplementedError

    @cached_property
    def _items(self) -> dict[str, Country]:
        """Load every item by its key on first use, then keep them."""
        return self._load()

    def _load(self) -> dict[str, Country]:
        """Read every item from the source, keyed by ``code``."""
        raise NotImplementedError
