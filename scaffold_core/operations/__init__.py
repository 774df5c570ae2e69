"""Operations: the opt-in local event log and its summary (docs/operations.md).

``recording`` decides whether a scaffold call is logged and times it (standard library
only, imported by every command); ``events`` writes and reads the log, ``stats``
summarises it. The two are imported only when the log is on or read.
"""

__all__: list[str] = []
