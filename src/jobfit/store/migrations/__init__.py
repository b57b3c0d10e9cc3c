"""Alembic migrations: the only way the schema (tables, indexes, RLS policies, roles) changes."""
