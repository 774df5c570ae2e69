"""QuoteKeeper: Keeps a "quote\""""


class QuoteKeeper:
    """Keeps a "quote"

    Responsibilities:
    - Ends in "one"
    - Ends in a backslash \\
    - Holds \"\"\"triple\"\"\" quotes
    """

    def keep(self, first: str, second: str) -> None:
        """Keep it "safe"

        Args:
            first: Ends in "quote"
            second: Also "quoted\"
        """
        raise NotImplementedError
