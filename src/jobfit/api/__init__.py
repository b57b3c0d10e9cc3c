"""API: the FastAPI app (thin shell over the core and the store)."""
