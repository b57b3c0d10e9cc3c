"""jobfit: offline-first, explainable resume <-> job description matching."""

__version__ = "0.1.0"
