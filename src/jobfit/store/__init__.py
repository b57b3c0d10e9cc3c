"""Store: Postgres + pgvector persistence (models, migrations with RLS, sessions, files, embedded server)."""
