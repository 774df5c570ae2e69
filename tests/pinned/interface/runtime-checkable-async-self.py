"""AsyncResource: structural interface (typing.Protocol)."""

from types import TracebackType
from typing import Protocol, Self, runtime_checkable


@runtime_checkable
class AsyncResource(Protocol):
    """Structural interface: any class with these methods satisfies ``AsyncResource``.

    Runtime-checkable: isinstance() checks that the methods exist, not their signatures.
    """

    async def __aenter__(self) -> Self:
        """Implement ``__aenter__``."""
        ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        """Implement ``__aexit__``."""
        ...
