-- Runs after every migration, as the owner: makes sure the restricted runtime role exists with the
-- configured password and holds exactly INSERT and SELECT on the log tables, nothing more; on the follow-up
-- tables (not part of the chain) it may also update: case parties change, and a flag is marked reviewed. The
-- statistics tables are a projection of the chain that it keeps up to date and may rebuild, so there it may also
-- delete; their cursor it only reads and moves. Roles are cluster-wide in PostgreSQL, so this is idempotent rather
-- than a one-off versioned migration.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${audit_app_user}') THEN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L',
            '${audit_app_user}', '${audit_app_password}');
    ELSE
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L',
            '${audit_app_user}', '${audit_app_password}');
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), '${audit_app_user}');
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), '${audit_app_user}');
    EXECUTE format('REVOKE ALL ON audit_entries, audit_checkpoints FROM %I', '${audit_app_user}');
    EXECUTE format('GRANT SELECT, INSERT ON audit_entries, audit_checkpoints TO %I', '${audit_app_user}');
    EXECUTE format('GRANT USAGE ON SEQUENCE audit_checkpoints_id_seq TO %I', '${audit_app_user}');
    EXECUTE format('REVOKE ALL ON case_parties, access_flags FROM %I', '${audit_app_user}');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON case_parties, access_flags TO %I', '${audit_app_user}');
    EXECUTE format('GRANT USAGE ON SEQUENCE access_flags_id_seq TO %I', '${audit_app_user}');
    EXECUTE format('REVOKE ALL ON statistics_cursor, statistics_counts, statistics_persons, statistics_durations, '
        || 'statistics_open_cases, statistics_open_notifications FROM %I', '${audit_app_user}');
    EXECUTE format('GRANT SELECT, UPDATE ON statistics_cursor TO %I', '${audit_app_user}');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON statistics_counts, statistics_persons, statistics_durations, '
        || 'statistics_open_cases, statistics_open_notifications TO %I', '${audit_app_user}');
    EXECUTE format('GRANT USAGE ON SEQUENCE statistics_durations_id_seq TO %I', '${audit_app_user}');
END
$$;
