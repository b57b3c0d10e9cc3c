"""`jobfit_enter_user_scope(uid)`: a user transaction's scope and account check in one statement.

It switches the transaction to the app role (`SET LOCAL ROLE jobfit_app`), sets `jobfit.user_id`, and
returns whether that account exists and is active, as seen under RLS. A plpgsql function runs these in
order, so one round trip replaces the scope statement and the separate read of the user row that every
request made before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION jobfit_enter_user_scope(uid uuid) RETURNS boolean
        LANGUAGE plpgsql AS
        $$
        BEGIN
            PERFORM set_config('role', 'jobfit_app', true);
            PERFORM set_config('jobfit.user_id', uid::text, true);
            RETURN EXISTS (SELECT 1 FROM users WHERE id = uid AND is_active);
        END
        $$
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS jobfit_enter_user_scope(uuid)")
