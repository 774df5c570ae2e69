"""DocumentIndexer: Part of the search layer."""


class DocumentIndexer:
    """Part of the search layer."""

    async def index_document(
        self,
        document_id: str,
        body: str,
        metadata: dict[str, str] | None = None,
        refresh: bool = False,
    ) -> int:
        """Add or replace one document in the search index.

        Args:
            document_id: The stable id the index keys the document by.
            metadata: Facets to filter on, e.g. {"lang": "de"}.
        """
        raise NotImplementedError

    async def remove(self, document_id: str) -> bool:
        """Remove."""
        raise NotImplementedError
