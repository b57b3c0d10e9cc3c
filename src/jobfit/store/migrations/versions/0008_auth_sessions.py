"""Server-side sign-in sessions: a token is good only while its `auth_sessions` row is.

Every access token (API) and web session cookie names its row (`sid`); `jobfit_enter_user_scope(uid, sid)`, the
statement every user transaction starts with, now also checks that the row is the user's, unrevoked and
unexpired, so signing out, changing the password or deleting the account ends a token at once, at no extra
round trip. `kind` keeps web sessions and API access tokens apart. A NULL `sid` (the CLI and maintenance act for a user
without a token) checks the account alone, as before.

Sign-in writes rows as the owner (RLS enabled, not forced, as on `users`); the app role may read its own rows and
revoke them.

Revision ID: 0008
Revises: 0010
Create Date: 2026-12-05
"""

from alembic import op

revision = "0008"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE auth_sessions (
            id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
            user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('web', 'access')),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            expires_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ
        );
        CREATE INDEX idx_auth_sessions_user_id ON auth_sessions(user_id);
        ALTER TABLE auth_sessions ENABLE ROW LEVEL SECURITY;
        CREATE POLICY "Users can see and end own sessions" ON auth_sessions
            USING (user_id = jobfit_current_user_id()) WITH CHECK (user_id = jobfit_current_user_id());
        GRANT SELECT, UPDATE (revoked_at) ON auth_sessions TO jobfit_app;

        CREATE FUNCTION jobfit_enter_user_scope(uid uuid, sid uuid) RETURNS boolean
        LANGUAGE plpgsql AS
        $$
        BEGIN
            PERFORM set_config('role', 'jobfit_app', true);
            PERFORM set_config('jobfit.user_id', uid::text, true);
            RETURN EXISTS (SELECT 1 FROM users WHERE id = uid AND is_active)
               AND (sid IS NULL OR EXISTS (SELECT 1 FROM auth_sessions s WHERE s.id = sid AND s.user_id = uid
                                           AND s.revoked_at IS NULL AND s.expires_at > now()));
        END
        $$;
        """
    )


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS jobfit_enter_user_scope(uuid, uuid)")
    op.execute("DROP TABLE IF EXISTS auth_sessions")
