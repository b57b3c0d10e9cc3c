"""Documents: bytes -> ParsedResume / ParsedJob (pure core: no DB, no HTTP)."""
