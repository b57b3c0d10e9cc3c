"""Let the migrating role SET ROLE jobfit_app on PostgreSQL 16+ external databases.

0001 granted membership only when `pg_has_role(..., 'MEMBER')` was false. On PostgreSQL 16+ a
non-superuser with CREATEROLE (Supabase's `postgres`, RDS's master user) is already a member of a role
it creates, but WITH SET FALSE, so `SET LOCAL ROLE jobfit_app` failed. A plain GRANT from the current
user adds a grant with SET (and is harmless on 15, where membership implies SET).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        DO $$ BEGIN
          EXECUTE format('GRANT jobfit_app TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
          RAISE NOTICE 'could not grant jobfit_app to %', current_user;
        END $$;
        """
    )


def downgrade() -> None:
    pass
