"""Failed sign-ins per account and per client address, for login throttling (`jobfit.services.accounts`).

Only the owner role reads and writes it (sign-in runs as the owner); the app role has no grant. Rows are
keyed `account:<email>` or `client:<address>`, hold no password, and are replaced after an hour of quiet.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE login_throttle (
            key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            locked_until TIMESTAMPTZ,
            last_failure_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS login_throttle")
