"""The SQLite store: articles and every annotation, in one file."""

from .sqlite import Store, open_store

__all__ = ["Store", "open_store"]
