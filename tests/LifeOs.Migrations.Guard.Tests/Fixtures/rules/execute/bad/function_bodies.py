from alembic import op

revision = "ab"
down_revision = "aa"


def upgrade():
    op.execute(
        """
        CREATE OR REPLACE FUNCTION purge_sessions() RETURNS void AS $body$
        BEGIN
            DELETE FROM sessions;  -- inside the function body, not run here
            DROP TABLE tmp;
        END;
        $body$ LANGUAGE plpgsql;
        """
    )
    op.execute("INSERT INTO settings (key, value) VALUES ('a;b', 'it''s; fine')")
