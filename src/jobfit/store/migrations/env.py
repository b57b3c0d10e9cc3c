"""Alembic environment: runs migrations on the connection that `jobfit.store.migrate` hands over."""

from alembic import context

from jobfit.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, transaction_per_migration=True)
with context.begin_transaction():
    context.run_migrations()
