-- The inbox by recipient (SQLite's drizzle/0022_inbox_entries.sql) in PL/pgSQL: the derivation
-- view, its backfill and the triggers, under the same names, with the same effects in the
-- writer's own transaction. The table is 0008_inbox_entries_table.sql (drizzle-kit's).
-- Differences of form only: created_at is milliseconds since the epoch (a bigint, as SQLite's
-- plain integer), so the timestamptz of a comment, verdict or event goes through inbox_ms();
-- json_extract(after, '$.version') is jsonb's after -> 'version'.
-- Concurrency: SQLite has one writer at a time; PostgreSQL does not. A comment written while a
-- review of the same item is written would each miss the other (neither sees the other's
-- uncommitted row), and the reviewer would lack the thread's row. So every trigger that reads
-- the other side locks the item's row first: a comment, a verdict and an event FOR SHARE (they
-- may run at once with each other), a review (new, superseded or brought back) FOR NO KEY
-- UPDATE, as the item's substance and author changes already hold it; the later writer waits
-- and its next statement reads the committed rows (tests/db/pgTriggers.test.ts).

CREATE FUNCTION inbox_ms(t timestamptz) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
	SELECT (extract(epoch FROM t) * 1000)::bigint
$$;
--> statement-breakpoint
-- The time of an item's latest event at its current substance version (0 when there is none).
CREATE FUNCTION inbox_changed_at(kind text, item integer, version integer) RETURNS bigint LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT inbox_ms(e.created_at) FROM events e WHERE e.entity_type = kind AND e.entity_id = item
		AND e.after -> 'version' = to_jsonb(version) ORDER BY e.id DESC LIMIT 1), 0)
$$;
--> statement-breakpoint
CREATE VIEW inbox_entries_derived AS
	SELECT 'mine' AS source, c.id AS source_id, a.author_id AS recipient_id, inbox_ms(c.created_at) AS created_at
		FROM comments c JOIN annotations a ON a.id = c.annotation_id WHERE a.author_id <> c.author_id
	UNION ALL SELECT 'mine', c.id, l.author_id, inbox_ms(c.created_at)
		FROM comments c JOIN links l ON l.id = c.link_id WHERE l.author_id <> c.author_id
	UNION SELECT 'reviewed', c.id, r.reviewer_id, inbox_ms(c.created_at)
		FROM comments c JOIN reviews r ON r.annotation_id = c.annotation_id AND r.superseded_at IS NULL WHERE r.reviewer_id <> c.author_id
	UNION SELECT 'reviewed', c.id, r.reviewer_id, inbox_ms(c.created_at)
		FROM comments c JOIN reviews r ON r.link_id = c.link_id AND r.superseded_at IS NULL WHERE r.reviewer_id <> c.author_id
	UNION ALL SELECT 'reply', c.id, p.author_id, inbox_ms(c.created_at)
		FROM comments c JOIN comments p ON p.id = c.parent_id WHERE p.author_id <> c.author_id
	UNION ALL SELECT 'verdict', v.id, a.author_id, inbox_ms(v.created_at)
		FROM verdicts v JOIN annotations a ON a.id = v.annotation_id WHERE a.author_id <> v.author_id
	UNION SELECT 'changed_annotation', a.id, r.reviewer_id, inbox_changed_at('annotation', a.id, a.substance_version)
		FROM reviews r JOIN annotations a ON a.id = r.annotation_id WHERE r.target_version < a.substance_version
	UNION SELECT 'changed_link', l.id, r.reviewer_id, inbox_changed_at('link', l.id, l.substance_version)
		FROM reviews r JOIN links l ON l.id = r.link_id WHERE r.target_version < l.substance_version;
--> statement-breakpoint
INSERT INTO inbox_entries (source, source_id, recipient_id, created_at) SELECT source, source_id, recipient_id, created_at FROM inbox_entries_derived
	ON CONFLICT DO NOTHING;
--> statement-breakpoint

-- Locks the row of a comment's, review's or event's item (see the head of this file).
CREATE FUNCTION inbox_lock_item(annotation integer, link integer, exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF exclusive THEN
		PERFORM 1 FROM annotations WHERE id = annotation FOR NO KEY UPDATE;
		PERFORM 1 FROM links WHERE id = link FOR NO KEY UPDATE;
	ELSE
		PERFORM 1 FROM annotations WHERE id = annotation FOR SHARE;
		PERFORM 1 FROM links WHERE id = link FOR SHARE;
	END IF;
END $$;
--> statement-breakpoint

-- A comment: its item's author, the live reviewers of its item, the author of the comment it answers.
CREATE FUNCTION inbox_comments_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM inbox_lock_item(NEW.annotation_id, NEW.link_id, false);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'mine', NEW.id, a.author_id, inbox_ms(NEW.created_at) FROM annotations a WHERE a.id = NEW.annotation_id AND a.author_id <> NEW.author_id
		ON CONFLICT DO NOTHING;
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'mine', NEW.id, l.author_id, inbox_ms(NEW.created_at) FROM links l WHERE l.id = NEW.link_id AND l.author_id <> NEW.author_id
		ON CONFLICT DO NOTHING;
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT DISTINCT 'reviewed', NEW.id, r.reviewer_id, inbox_ms(NEW.created_at) FROM reviews r
		WHERE (r.annotation_id = NEW.annotation_id OR r.link_id = NEW.link_id) AND r.superseded_at IS NULL AND r.reviewer_id <> NEW.author_id
		ON CONFLICT DO NOTHING;
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'reply', NEW.id, p.author_id, inbox_ms(NEW.created_at) FROM comments p WHERE p.id = NEW.parent_id AND p.author_id <> NEW.author_id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_comments_ai AFTER INSERT ON comments FOR EACH ROW EXECUTE FUNCTION inbox_comments_ai();
--> statement-breakpoint

-- A verdict: the claim's author.
CREATE FUNCTION inbox_verdicts_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM inbox_lock_item(NEW.annotation_id, NULL, false);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'verdict', NEW.id, a.author_id, inbox_ms(NEW.created_at) FROM annotations a WHERE a.id = NEW.annotation_id AND a.author_id <> NEW.author_id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_verdicts_ai AFTER INSERT ON verdicts FOR EACH ROW EXECUTE FUNCTION inbox_verdicts_ai();
--> statement-breakpoint

-- A reviewer's rows of an item's thread follow whether a live review of theirs is left.
CREATE FUNCTION inbox_reviewed_refresh(reviewer integer, annotation integer, link integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM inbox_entries WHERE source = 'reviewed' AND recipient_id = reviewer
		AND source_id IN (SELECT c.id FROM comments c WHERE c.annotation_id = annotation OR c.link_id = link);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'reviewed', c.id, reviewer, inbox_ms(c.created_at) FROM comments c
		WHERE (c.annotation_id = annotation OR c.link_id = link) AND c.author_id <> reviewer
			AND EXISTS (SELECT 1 FROM reviews r WHERE (r.annotation_id = annotation OR r.link_id = link) AND r.reviewer_id = reviewer AND r.superseded_at IS NULL)
		ON CONFLICT DO NOTHING;
END $$;
--> statement-breakpoint
-- A live review: the item's existing comments reach the reviewer (the thread of an item I reviewed).
CREATE FUNCTION inbox_reviews_live_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM inbox_lock_item(NEW.annotation_id, NEW.link_id, true);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'reviewed', c.id, NEW.reviewer_id, inbox_ms(c.created_at) FROM comments c
		WHERE (c.annotation_id = NEW.annotation_id OR c.link_id = NEW.link_id) AND c.author_id <> NEW.reviewer_id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_reviews_live_ai AFTER INSERT ON reviews FOR EACH ROW WHEN (NEW.superseded_at IS NULL) EXECUTE FUNCTION inbox_reviews_live_ai();
--> statement-breakpoint
-- Any review of an older version than the item's (an import may write one): the item waits for the reviewer.
CREATE FUNCTION inbox_reviews_changed_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM inbox_lock_item(NEW.annotation_id, NEW.link_id, true);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'changed_annotation', a.id, NEW.reviewer_id, inbox_changed_at('annotation', a.id, a.substance_version)
		FROM annotations a WHERE a.id = NEW.annotation_id AND NEW.target_version < a.substance_version
		ON CONFLICT DO NOTHING;
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'changed_link', l.id, NEW.reviewer_id, inbox_changed_at('link', l.id, l.substance_version)
		FROM links l WHERE l.id = NEW.link_id AND NEW.target_version < l.substance_version
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_reviews_changed_ai AFTER INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION inbox_reviews_changed_ai();
--> statement-breakpoint
-- A review set aside (a re-review, a change in substance) or brought back.
CREATE FUNCTION inbox_reviews_superseded_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM inbox_lock_item(NEW.annotation_id, NEW.link_id, true);
	PERFORM inbox_reviewed_refresh(NEW.reviewer_id, NEW.annotation_id, NEW.link_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_reviews_superseded_au AFTER UPDATE OF superseded_at ON reviews FOR EACH ROW
	WHEN ((OLD.superseded_at IS NULL) <> (NEW.superseded_at IS NULL)) EXECUTE FUNCTION inbox_reviews_superseded_au();
--> statement-breakpoint

-- An item changed in substance: every reviewer of an older version waits for it, at the time of its latest event of the new version.
CREATE FUNCTION inbox_annotations_substance_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM inbox_entries WHERE source = 'changed_annotation' AND source_id = NEW.id;
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT DISTINCT 'changed_annotation', NEW.id, r.reviewer_id, inbox_changed_at('annotation', NEW.id, NEW.substance_version)
		FROM reviews r WHERE r.annotation_id = NEW.id AND r.target_version < NEW.substance_version;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_annotations_substance_au AFTER UPDATE OF substance_version ON annotations FOR EACH ROW
	WHEN (OLD.substance_version <> NEW.substance_version) EXECUTE FUNCTION inbox_annotations_substance_au();
--> statement-breakpoint
CREATE FUNCTION inbox_links_substance_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM inbox_entries WHERE source = 'changed_link' AND source_id = NEW.id;
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT DISTINCT 'changed_link', NEW.id, r.reviewer_id, inbox_changed_at('link', NEW.id, NEW.substance_version)
		FROM reviews r WHERE r.link_id = NEW.id AND r.target_version < NEW.substance_version;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_links_substance_au AFTER UPDATE OF substance_version ON links FOR EACH ROW
	WHEN (OLD.substance_version <> NEW.substance_version) EXECUTE FUNCTION inbox_links_substance_au();
--> statement-breakpoint

-- The event of an item's current substance version moves its "changed" rows to that event's time.
CREATE FUNCTION inbox_annotation_events_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM inbox_lock_item(NEW.entity_id, NULL, false);
	UPDATE inbox_entries SET created_at = inbox_ms(NEW.created_at) WHERE source = 'changed_annotation' AND source_id = NEW.entity_id
		AND NEW.after -> 'version' = (SELECT to_jsonb(a.substance_version) FROM annotations a WHERE a.id = NEW.entity_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_annotation_events_ai AFTER INSERT ON events FOR EACH ROW WHEN (NEW.entity_type = 'annotation') EXECUTE FUNCTION inbox_annotation_events_ai();
--> statement-breakpoint
CREATE FUNCTION inbox_link_events_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM inbox_lock_item(NULL, NEW.entity_id, false);
	UPDATE inbox_entries SET created_at = inbox_ms(NEW.created_at) WHERE source = 'changed_link' AND source_id = NEW.entity_id
		AND NEW.after -> 'version' = (SELECT to_jsonb(l.substance_version) FROM links l WHERE l.id = NEW.entity_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_link_events_ai AFTER INSERT ON events FOR EACH ROW WHEN (NEW.entity_type = 'link') EXECUTE FUNCTION inbox_link_events_ai();
--> statement-breakpoint

-- An item that changes author takes the comments on it (and a claim its verdicts) to the new author.
CREATE FUNCTION inbox_annotations_author_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM inbox_entries WHERE source = 'mine' AND source_id IN (SELECT c.id FROM comments c WHERE c.annotation_id = NEW.id);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'mine', c.id, NEW.author_id, inbox_ms(c.created_at) FROM comments c WHERE c.annotation_id = NEW.id AND c.author_id <> NEW.author_id;
	DELETE FROM inbox_entries WHERE source = 'verdict' AND source_id IN (SELECT v.id FROM verdicts v WHERE v.annotation_id = NEW.id);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'verdict', v.id, NEW.author_id, inbox_ms(v.created_at) FROM verdicts v WHERE v.annotation_id = NEW.id AND v.author_id <> NEW.author_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_annotations_author_au AFTER UPDATE OF author_id ON annotations FOR EACH ROW
	WHEN (OLD.author_id <> NEW.author_id) EXECUTE FUNCTION inbox_annotations_author_au();
--> statement-breakpoint
CREATE FUNCTION inbox_links_author_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM inbox_entries WHERE source = 'mine' AND source_id IN (SELECT c.id FROM comments c WHERE c.link_id = NEW.id);
	INSERT INTO inbox_entries (source, source_id, recipient_id, created_at)
		SELECT 'mine', c.id, NEW.author_id, inbox_ms(c.created_at) FROM comments c WHERE c.link_id = NEW.id AND c.author_id <> NEW.author_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inbox_links_author_au AFTER UPDATE OF author_id ON links FOR EACH ROW
	WHEN (OLD.author_id <> NEW.author_id) EXECUTE FUNCTION inbox_links_author_au();
