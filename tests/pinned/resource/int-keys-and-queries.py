"""ProductCatalog: Products on sale, by article number."""

from app.catalog import Product


class ProductCatalog:
    """Products on sale, by article number."""

    def get(self, article_number: int) -> Product | None:
        """Return the item under ``article_number``, or ``None`` when there is none."""
        raise NotImplementedError

    def all(self) -> list[Product]:
        """Return every item, in the order of the source."""
        raise NotImplementedError

    def search(self, text: str, limit: int) -> list[Product]:
        """Products whose name contains the text, best match first."""
        raise NotImplementedError

    def newest(self) -> Product | None:
        """Newest."""
        raise NotImplementedError
