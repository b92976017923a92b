"""eventwire: news articles in, verifiable event data out."""

from .model import SCHEMA_VERSION, Article
from .pipeline import analyze, analyze_one

__all__ = ["SCHEMA_VERSION", "Article", "analyze", "analyze_one"]
__version__ = "0.1.0"
