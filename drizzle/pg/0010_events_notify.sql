-- Live updates across instances (issue 17, point 4): every statement that appends to the event
-- log sends one NOTIFY on the channel workbench_events, its payload the newest event id. Each
-- instance's listener (lib/db/pg/eventNotifications.ts) wakes its live streams, which read what
-- is new from the events table with the caller's permission checks, as on SQLite. NOTIFY is
-- delivered at commit, to listeners on any connection, and never for a rolled-back write.
-- PostgreSQL only: SQLite's streams are woken in process and by watching the log's head.
CREATE FUNCTION events_notify_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('workbench_events', (SELECT max(id) FROM new_events)::text);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_notify_ai AFTER INSERT ON events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION events_notify_ai();
