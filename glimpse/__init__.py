"""glimpse: articles in, grounded story briefs out."""

__version__ = "0.1.0"
__all__ = ["__version__"]
