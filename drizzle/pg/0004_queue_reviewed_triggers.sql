-- The review queue's per-reviewer counters and article sizes (SQLite 0020), in PL/pgSQL under
-- the same trigger names, with a backfill. Concurrency as in 0002: counters change by
-- row-locked increments; a value read from another row (an item's article or outlet) is read
-- FOR SHARE. Counting an item once per reviewer reads whether the reviewer has another live
-- review of it, so the item row is locked FOR NO KEY UPDATE first (the review's own status
-- update locks it anyway): two reviews of one item by one reviewer take turns, and the second
-- sees the first once it commits.

INSERT INTO queue_reviewed_tallies (project_id, reviewer_id, article_id, label, author_id, n)
SELECT a.project_id, r.reviewer_id, a.article_id, a.label, a.author_id, count(DISTINCT a.id) FROM reviews r JOIN annotations a ON a.id = r.annotation_id
WHERE r.superseded_at IS NULL AND a.deleted_at IS NULL AND a.author_id <> r.reviewer_id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO queue_reviewed_tallies (project_id, reviewer_id, article_id, label, author_id, n)
SELECT l.project_id, r.reviewer_id, fa.article_id, 'link', l.author_id, count(DISTINCT l.id) FROM reviews r JOIN links l ON l.id = r.link_id JOIN annotations fa ON fa.id = l.from_annotation_id
WHERE r.superseded_at IS NULL AND l.deleted_at IS NULL AND l.author_id <> r.reviewer_id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO queue_reviewed_outlet_tallies (project_id, reviewer_id, outlet, label, author_id, n)
SELECT t.project_id, t.reviewer_id, coalesce(nullif(a.outlet, ''), '-'), t.label, t.author_id, sum(t.n) FROM queue_reviewed_tallies t JOIN articles a ON a.id = t.article_id
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO queue_article_sizes (project_id, article_id, label, outlet, n)
SELECT t.project_id, t.article_id, t.label, coalesce(nullif(a.outlet, ''), '-'), sum(t.n) FROM queue_tallies t JOIN articles a ON a.id = t.article_id GROUP BY 1, 2, 3, 4
UNION ALL
SELECT t.project_id, t.article_id, '*', coalesce(nullif(a.outlet, ''), '-'), sum(t.n) FROM queue_tallies t JOIN articles a ON a.id = t.article_id GROUP BY 1, 2, 4;
--> statement-breakpoint

-- +delta to the reviewer's counter of one item, when the item is live, not the reviewer's own,
-- and the reviewer has no live review of it other than those of `review_ids` (this statement's).
CREATE FUNCTION queue_reviewed_count(review_ids integer[], reviewer integer, annotation integer, link integer, delta integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	item_project integer;
	item_article integer;
	item_label text;
	item_author integer;
BEGIN
	IF annotation IS NOT NULL THEN
		SELECT x.project_id, x.article_id, x.label, x.author_id INTO item_project, item_article, item_label, item_author
			FROM annotations x WHERE x.id = annotation AND x.deleted_at IS NULL FOR NO KEY UPDATE;
	ELSE
		SELECT x.project_id, x.from_annotation_id, 'link', x.author_id INTO item_project, item_article, item_label, item_author
			FROM links x WHERE x.id = link AND x.deleted_at IS NULL FOR NO KEY UPDATE;
		item_article := queue_link_article(item_article);
	END IF;
	IF item_project IS NULL OR item_article IS NULL OR item_author = reviewer THEN
		RETURN;
	END IF;
	IF annotation IS NOT NULL AND EXISTS (SELECT 1 FROM reviews r WHERE r.annotation_id = annotation AND r.reviewer_id = reviewer AND r.superseded_at IS NULL AND r.id <> ALL (review_ids))
		OR link IS NOT NULL AND EXISTS (SELECT 1 FROM reviews r WHERE r.link_id = link AND r.reviewer_id = reviewer AND r.superseded_at IS NULL AND r.id <> ALL (review_ids)) THEN
		RETURN;
	END IF;
	INSERT INTO queue_reviewed_tallies AS t (project_id, reviewer_id, article_id, label, author_id, n) VALUES (item_project, reviewer, item_article, item_label, item_author, delta)
		ON CONFLICT (project_id, reviewer_id, article_id, label, author_id) DO UPDATE SET n = t.n + excluded.n;
END $$;
--> statement-breakpoint
-- Statement-level, unlike SQLite's row triggers: PostgreSQL runs row-level AFTER triggers once
-- the whole statement is done, so two reviews of one item by one reviewer inserted, superseded
-- or deleted by one statement would each see the other already changed and count the item
-- twice (or not at all). Here each (reviewer, item) the statement touched counts once.
CREATE FUNCTION queue_reviewed_review_ai() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	ids integer[] := ARRAY(SELECT id FROM new_reviews);
	item record;
BEGIN
	FOR item IN SELECT DISTINCT reviewer_id, annotation_id, link_id FROM new_reviews WHERE superseded_at IS NULL LOOP
		PERFORM queue_reviewed_count(ids, item.reviewer_id, item.annotation_id, item.link_id, 1);
	END LOOP;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_review_ai AFTER INSERT ON reviews REFERENCING NEW TABLE AS new_reviews FOR EACH STATEMENT EXECUTE FUNCTION queue_reviewed_review_ai();
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_review_au() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	item record;
BEGIN
	FOR item IN SELECT DISTINCT n.reviewer_id, n.annotation_id, n.link_id FROM old_reviews o JOIN new_reviews n ON n.id = o.id
			WHERE o.superseded_at IS NULL AND n.superseded_at IS NOT NULL LOOP
		PERFORM queue_reviewed_count('{}', item.reviewer_id, item.annotation_id, item.link_id, -1);
	END LOOP;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_review_au AFTER UPDATE ON reviews REFERENCING OLD TABLE AS old_reviews NEW TABLE AS new_reviews FOR EACH STATEMENT
	EXECUTE FUNCTION queue_reviewed_review_au();
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_review_ad() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	item record;
BEGIN
	FOR item IN SELECT DISTINCT reviewer_id, annotation_id, link_id FROM old_reviews WHERE superseded_at IS NULL LOOP
		PERFORM queue_reviewed_count('{}', item.reviewer_id, item.annotation_id, item.link_id, -1);
	END LOOP;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_review_ad AFTER DELETE ON reviews REFERENCING OLD TABLE AS old_reviews FOR EACH STATEMENT EXECUTE FUNCTION queue_reviewed_review_ad();
--> statement-breakpoint

-- An annotation deleted, restored, relabelled or moved: its live reviewers' counts move with it, and so do the links that start at it.
CREATE FUNCTION queue_reviewed_annotation_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.deleted_at IS NULL THEN
		UPDATE queue_reviewed_tallies SET n = n - 1
			WHERE project_id = OLD.project_id AND article_id = OLD.article_id AND label = OLD.label AND author_id = OLD.author_id
			AND reviewer_id IN (SELECT r.reviewer_id FROM reviews r WHERE r.annotation_id = OLD.id AND r.superseded_at IS NULL AND r.reviewer_id <> OLD.author_id);
	END IF;
	IF NEW.deleted_at IS NULL THEN
		INSERT INTO queue_reviewed_tallies AS t (project_id, reviewer_id, article_id, label, author_id, n)
			SELECT DISTINCT NEW.project_id, r.reviewer_id, NEW.article_id, NEW.label, NEW.author_id, 1 FROM reviews r
			WHERE r.annotation_id = NEW.id AND r.superseded_at IS NULL AND r.reviewer_id <> NEW.author_id
			ON CONFLICT (project_id, reviewer_id, article_id, label, author_id) DO UPDATE SET n = t.n + 1;
	END IF;
	IF OLD.article_id <> NEW.article_id THEN
		UPDATE queue_reviewed_tallies q SET n = q.n - (SELECT count(DISTINCT l.id) FROM links l JOIN reviews r ON r.link_id = l.id
				WHERE l.from_annotation_id = OLD.id AND l.deleted_at IS NULL AND l.author_id = q.author_id AND r.reviewer_id = q.reviewer_id AND r.superseded_at IS NULL)
			WHERE q.project_id = OLD.project_id AND q.article_id = OLD.article_id AND q.label = 'link';
		INSERT INTO queue_reviewed_tallies AS t (project_id, reviewer_id, article_id, label, author_id, n)
			SELECT l.project_id, r.reviewer_id, NEW.article_id, 'link', l.author_id, count(DISTINCT l.id) FROM links l JOIN reviews r ON r.link_id = l.id
			WHERE l.from_annotation_id = NEW.id AND l.deleted_at IS NULL AND r.superseded_at IS NULL AND r.reviewer_id <> l.author_id
			GROUP BY l.project_id, r.reviewer_id, l.author_id
			ON CONFLICT (project_id, reviewer_id, article_id, label, author_id) DO UPDATE SET n = t.n + excluded.n;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_annotation_au AFTER UPDATE OF project_id, article_id, label, author_id, deleted_at ON annotations FOR EACH ROW
	WHEN (OLD.project_id <> NEW.project_id OR OLD.article_id <> NEW.article_id OR OLD.label IS DISTINCT FROM NEW.label OR OLD.author_id <> NEW.author_id
		OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
	EXECUTE FUNCTION queue_reviewed_annotation_au();
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_annotation_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE queue_reviewed_tallies SET n = n - 1
		WHERE project_id = OLD.project_id AND article_id = OLD.article_id AND label = OLD.label AND author_id = OLD.author_id
		AND reviewer_id IN (SELECT r.reviewer_id FROM reviews r WHERE r.annotation_id = OLD.id AND r.superseded_at IS NULL AND r.reviewer_id <> OLD.author_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_annotation_ad AFTER DELETE ON annotations FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION queue_reviewed_annotation_ad();
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_link_au() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	old_article integer := queue_link_article(OLD.from_annotation_id);
	new_article integer := queue_link_article(NEW.from_annotation_id);
BEGIN
	IF OLD.deleted_at IS NULL THEN
		UPDATE queue_reviewed_tallies SET n = n - 1
			WHERE project_id = OLD.project_id AND label = 'link' AND author_id = OLD.author_id AND article_id = old_article
			AND reviewer_id IN (SELECT r.reviewer_id FROM reviews r WHERE r.link_id = OLD.id AND r.superseded_at IS NULL AND r.reviewer_id <> OLD.author_id);
	END IF;
	IF NEW.deleted_at IS NULL AND new_article IS NOT NULL THEN
		INSERT INTO queue_reviewed_tallies AS t (project_id, reviewer_id, article_id, label, author_id, n)
			SELECT DISTINCT NEW.project_id, r.reviewer_id, new_article, 'link', NEW.author_id, 1 FROM reviews r
			WHERE r.link_id = NEW.id AND r.superseded_at IS NULL AND r.reviewer_id <> NEW.author_id
			ON CONFLICT (project_id, reviewer_id, article_id, label, author_id) DO UPDATE SET n = t.n + 1;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_link_au AFTER UPDATE OF project_id, from_annotation_id, author_id, deleted_at ON links FOR EACH ROW
	WHEN (OLD.project_id <> NEW.project_id OR OLD.from_annotation_id <> NEW.from_annotation_id OR OLD.author_id <> NEW.author_id
		OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
	EXECUTE FUNCTION queue_reviewed_link_au();
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_link_ad() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	article integer := queue_link_article(OLD.from_annotation_id);
BEGIN
	UPDATE queue_reviewed_tallies SET n = n - 1
		WHERE project_id = OLD.project_id AND label = 'link' AND author_id = OLD.author_id AND article_id = article
		AND reviewer_id IN (SELECT r.reviewer_id FROM reviews r WHERE r.link_id = OLD.id AND r.superseded_at IS NULL AND r.reviewer_id <> OLD.author_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_link_ad AFTER DELETE ON links FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION queue_reviewed_link_ad();
--> statement-breakpoint

-- The per-outlet sums follow the per-article rows.
CREATE FUNCTION queue_reviewed_outlet_add(item queue_reviewed_tallies, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	outlet_name text := queue_article_outlet(item.article_id);
BEGIN
	IF outlet_name IS NOT NULL THEN
		INSERT INTO queue_reviewed_outlet_tallies AS t (project_id, reviewer_id, outlet, label, author_id, n) VALUES (item.project_id, item.reviewer_id, outlet_name, item.label, item.author_id, sign * item.n)
			ON CONFLICT (project_id, reviewer_id, outlet, label, author_id) DO UPDATE SET n = t.n + excluded.n;
	END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_outlet_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_reviewed_outlet_add(NEW, 1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_outlet_ai AFTER INSERT ON queue_reviewed_tallies FOR EACH ROW EXECUTE FUNCTION queue_reviewed_outlet_ai();
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_outlet_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_reviewed_outlet_add(OLD, -1);
	PERFORM queue_reviewed_outlet_add(NEW, 1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_outlet_au AFTER UPDATE ON queue_reviewed_tallies FOR EACH ROW
	WHEN (OLD.n <> NEW.n OR OLD.article_id <> NEW.article_id OR OLD.label <> NEW.label OR OLD.author_id <> NEW.author_id OR OLD.project_id <> NEW.project_id OR OLD.reviewer_id <> NEW.reviewer_id)
	EXECUTE FUNCTION queue_reviewed_outlet_au();
--> statement-breakpoint
CREATE FUNCTION queue_reviewed_outlet_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_reviewed_outlet_add(OLD, -1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_outlet_ad AFTER DELETE ON queue_reviewed_tallies FOR EACH ROW EXECUTE FUNCTION queue_reviewed_outlet_ad();
--> statement-breakpoint

-- Article sizes follow queue_tallies: the row of the label and the row of every label ('*').
CREATE FUNCTION queue_article_sizes_add(item queue_tallies, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	outlet_name text := queue_article_outlet(item.article_id);
BEGIN
	IF outlet_name IS NOT NULL THEN
		INSERT INTO queue_article_sizes AS t (project_id, article_id, label, outlet, n)
			VALUES (item.project_id, item.article_id, item.label, outlet_name, sign * item.n), (item.project_id, item.article_id, '*', outlet_name, sign * item.n)
			ON CONFLICT (project_id, article_id, label) DO UPDATE SET n = t.n + excluded.n;
	END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION queue_article_sizes_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_article_sizes_add(NEW, 1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_article_sizes_ai AFTER INSERT ON queue_tallies FOR EACH ROW EXECUTE FUNCTION queue_article_sizes_ai();
--> statement-breakpoint
CREATE FUNCTION queue_article_sizes_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_article_sizes_add(OLD, -1);
	PERFORM queue_article_sizes_add(NEW, 1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_article_sizes_au AFTER UPDATE ON queue_tallies FOR EACH ROW
	WHEN (OLD.n <> NEW.n OR OLD.article_id <> NEW.article_id OR OLD.label <> NEW.label OR OLD.project_id <> NEW.project_id)
	EXECUTE FUNCTION queue_article_sizes_au();
--> statement-breakpoint
CREATE FUNCTION queue_article_sizes_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_article_sizes_add(OLD, -1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_article_sizes_ad AFTER DELETE ON queue_tallies FOR EACH ROW EXECUTE FUNCTION queue_article_sizes_ad();
--> statement-breakpoint

-- An article that changes outlet takes its reviewed counts and its size along.
CREATE FUNCTION queue_reviewed_article_outlet_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE queue_reviewed_outlet_tallies o SET n = o.n - (SELECT coalesce(sum(t.n), 0) FROM queue_reviewed_tallies t
			WHERE t.project_id = OLD.project_id AND t.reviewer_id = o.reviewer_id AND t.article_id = OLD.id AND t.label = o.label AND t.author_id = o.author_id)
		WHERE o.project_id = OLD.project_id AND o.outlet = coalesce(nullif(OLD.outlet, ''), '-');
	INSERT INTO queue_reviewed_outlet_tallies AS o (project_id, reviewer_id, outlet, label, author_id, n)
		SELECT t.project_id, t.reviewer_id, coalesce(nullif(NEW.outlet, ''), '-'), t.label, t.author_id, t.n FROM queue_reviewed_tallies t
		WHERE t.project_id = NEW.project_id AND t.article_id = NEW.id
		ON CONFLICT (project_id, reviewer_id, outlet, label, author_id) DO UPDATE SET n = o.n + excluded.n;
	UPDATE queue_article_sizes SET outlet = coalesce(nullif(NEW.outlet, ''), '-') WHERE project_id = NEW.project_id AND article_id = NEW.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_reviewed_article_outlet_au AFTER UPDATE OF outlet ON articles FOR EACH ROW
	WHEN (coalesce(nullif(OLD.outlet, ''), '-') <> coalesce(nullif(NEW.outlet, ''), '-'))
	EXECUTE FUNCTION queue_reviewed_article_outlet_au();
