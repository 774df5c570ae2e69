"""SlugGenerator: A plain class."""


class SlugGenerator:
    """A plain class."""
