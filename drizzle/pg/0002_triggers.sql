-- Every trigger of the SQLite migrations (drizzle/00*.sql, in their latest form after 0014),
-- in PL/pgSQL, under the same name, with the same effects in the writer's own transaction:
-- article counters, review queue tallies, speaker tallies, the claim board's dirty marks, the
-- agreement caches and their totals, article revisions and reviews' target author. The FTS5
-- triggers have no counterpart: the tsvector indexes of 0001_search follow the rows themselves.
-- Differences of form only: SQLite's AFTER INSERT/UPDATE triggers that rewrite the new row
-- (annotations.revision, reviews.target_author_id) are BEFORE triggers that set it; `IS NOT`
-- is `IS DISTINCT FROM`; `INSERT OR IGNORE` is `ON CONFLICT DO NOTHING`; json_extract/json_each
-- are jsonb operators. Each function is named after its trigger.
-- Concurrency: SQLite has one writer at a time; PostgreSQL does not. Counters change by
-- row-locked increments (UPDATE ... n = n + 1, ON CONFLICT DO UPDATE), which never lose an
-- update under READ COMMITTED. Where a tally is filed under a value read from another row (an
-- item's outlet from its article, a link's article from its first end) that row is read FOR
-- SHARE: a writer moving that article's outlet or that annotation's article holds it FOR NO KEY
-- UPDATE, so the two wait for each other and the later one reads the committed value, instead
-- of filing the item under the old one while the move misses it (tests/db/pgTriggers.test.ts).

-- articles_search_ad (0001): an article's sentence index goes with it.
CREATE FUNCTION articles_search_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM article_sentences WHERE article_id = OLD.id;
	DELETE FROM article_search_state WHERE article_id = OLD.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_search_ad AFTER DELETE ON articles FOR EACH ROW EXECUTE FUNCTION articles_search_ad();
--> statement-breakpoint

-- article_stats (0005): one row per article with its live annotation counters.
CREATE FUNCTION article_stats_article_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO article_stats (article_id, project_id, body_length) VALUES (NEW.id, NEW.project_id, length(NEW.body));
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER article_stats_article_ai AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION article_stats_article_ai();
--> statement-breakpoint
CREATE FUNCTION article_stats_article_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE article_stats SET project_id = NEW.project_id, body_length = length(NEW.body) WHERE article_id = NEW.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER article_stats_article_au AFTER UPDATE OF project_id, body ON articles FOR EACH ROW EXECUTE FUNCTION article_stats_article_au();
--> statement-breakpoint
CREATE FUNCTION article_stats_article_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM article_stats WHERE article_id = OLD.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER article_stats_article_ad AFTER DELETE ON articles FOR EACH ROW EXECUTE FUNCTION article_stats_article_ad();
--> statement-breakpoint
CREATE FUNCTION article_stats_annotation_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE article_stats SET
		annotation_count = annotation_count + 1,
		unreviewed_count = unreviewed_count + (NEW.status = 'proposed')::int,
		claim_count = claim_count + (NEW.label = 'claim')::int,
		quote_count = quote_count + (NEW.label = 'quote')::int,
		context_count = context_count + (NEW.label = 'context')::int
	WHERE article_id = NEW.article_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER article_stats_annotation_ai AFTER INSERT ON annotations FOR EACH ROW WHEN (NEW.deleted_at IS NULL)
	EXECUTE FUNCTION article_stats_annotation_ai();
--> statement-breakpoint
CREATE FUNCTION article_stats_annotation_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE article_stats SET
		annotation_count = annotation_count - 1,
		unreviewed_count = unreviewed_count - (OLD.status = 'proposed')::int,
		claim_count = claim_count - (OLD.label = 'claim')::int,
		quote_count = quote_count - (OLD.label = 'quote')::int,
		context_count = context_count - (OLD.label = 'context')::int
	WHERE article_id = OLD.article_id AND OLD.deleted_at IS NULL;
	UPDATE article_stats SET
		annotation_count = annotation_count + 1,
		unreviewed_count = unreviewed_count + (NEW.status = 'proposed')::int,
		claim_count = claim_count + (NEW.label = 'claim')::int,
		quote_count = quote_count + (NEW.label = 'quote')::int,
		context_count = context_count + (NEW.label = 'context')::int
	WHERE article_id = NEW.article_id AND NEW.deleted_at IS NULL;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER article_stats_annotation_au AFTER UPDATE OF status, label, deleted_at, article_id ON annotations FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.label IS DISTINCT FROM NEW.label
		OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.article_id <> NEW.article_id)
	EXECUTE FUNCTION article_stats_annotation_au();
--> statement-breakpoint
CREATE FUNCTION article_stats_annotation_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE article_stats SET
		annotation_count = annotation_count - 1,
		unreviewed_count = unreviewed_count - (OLD.status = 'proposed')::int,
		claim_count = claim_count - (OLD.label = 'claim')::int,
		quote_count = quote_count - (OLD.label = 'quote')::int,
		context_count = context_count - (OLD.label = 'context')::int
	WHERE article_id = OLD.article_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER article_stats_annotation_ad AFTER DELETE ON annotations FOR EACH ROW WHEN (OLD.deleted_at IS NULL)
	EXECUTE FUNCTION article_stats_annotation_ad();
--> statement-breakpoint

-- The claim board (0006, 0012, 0014): the statements a write touched are marked dirty.
CREATE FUNCTION links_board_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (NEW.project_id, NEW.from_annotation_id), (NEW.project_id, NEW.to_annotation_id)
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER links_board_ai AFTER INSERT ON links FOR EACH ROW EXECUTE FUNCTION links_board_ai();
--> statement-breakpoint
CREATE FUNCTION links_board_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (NEW.project_id, OLD.from_annotation_id), (NEW.project_id, OLD.to_annotation_id),
		(NEW.project_id, NEW.from_annotation_id), (NEW.project_id, NEW.to_annotation_id)
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER links_board_au AFTER UPDATE OF status, relation, deleted_at, from_annotation_id, to_annotation_id ON links FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.relation IS DISTINCT FROM NEW.relation OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
		OR OLD.from_annotation_id IS DISTINCT FROM NEW.from_annotation_id OR OLD.to_annotation_id IS DISTINCT FROM NEW.to_annotation_id)
	EXECUTE FUNCTION links_board_au();
--> statement-breakpoint
CREATE FUNCTION links_board_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (OLD.project_id, OLD.from_annotation_id), (OLD.project_id, OLD.to_annotation_id)
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER links_board_ad AFTER DELETE ON links FOR EACH ROW EXECUTE FUNCTION links_board_ad();
--> statement-breakpoint
CREATE FUNCTION annotations_board_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (NEW.project_id, NEW.id) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_board_ai AFTER INSERT ON annotations FOR EACH ROW WHEN (NEW.label = 'claim') EXECUTE FUNCTION annotations_board_ai();
--> statement-breakpoint
CREATE FUNCTION annotations_board_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (NEW.project_id, NEW.id) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_board_au AFTER UPDATE OF label, status, deleted_at, article_id ON annotations FOR EACH ROW
	WHEN (OLD.label IS DISTINCT FROM NEW.label OR (NEW.label = 'claim' AND OLD.status IS DISTINCT FROM NEW.status)
		OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.article_id IS DISTINCT FROM NEW.article_id)
	EXECUTE FUNCTION annotations_board_au();
--> statement-breakpoint
CREATE FUNCTION annotations_board_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (OLD.project_id, OLD.id) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_board_ad AFTER DELETE ON annotations FOR EACH ROW EXECUTE FUNCTION annotations_board_ad();
--> statement-breakpoint
CREATE FUNCTION verdicts_board_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (NEW.project_id, NEW.annotation_id) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER verdicts_board_ai AFTER INSERT ON verdicts FOR EACH ROW WHEN (NEW.is_final) EXECUTE FUNCTION verdicts_board_ai();
--> statement-breakpoint
CREATE FUNCTION verdicts_board_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (NEW.project_id, OLD.annotation_id), (NEW.project_id, NEW.annotation_id)
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER verdicts_board_au AFTER UPDATE OF is_final, deleted_at, verdict, annotation_id ON verdicts FOR EACH ROW
	WHEN (OLD.is_final IS DISTINCT FROM NEW.is_final OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
		OR OLD.verdict IS DISTINCT FROM NEW.verdict OR OLD.annotation_id IS DISTINCT FROM NEW.annotation_id)
	EXECUTE FUNCTION verdicts_board_au();
--> statement-breakpoint
CREATE FUNCTION verdicts_board_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) VALUES (OLD.project_id, OLD.annotation_id) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER verdicts_board_ad AFTER DELETE ON verdicts FOR EACH ROW EXECUTE FUNCTION verdicts_board_ad();
--> statement-breakpoint
CREATE FUNCTION articles_board_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) SELECT project_id, annotation_id FROM board_members WHERE article_id = NEW.id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_board_au AFTER UPDATE OF outlet, title, url ON articles FOR EACH ROW EXECUTE FUNCTION articles_board_au();
--> statement-breakpoint
CREATE FUNCTION articles_board_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_state (project_id, generation) VALUES (OLD.project_id, 2)
		ON CONFLICT (project_id) DO UPDATE SET generation = board_state.generation + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_board_ad AFTER DELETE ON articles FOR EACH ROW EXECUTE FUNCTION articles_board_ad();
--> statement-breakpoint
CREATE FUNCTION articles_board_archive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_dirty (project_id, annotation_id) SELECT project_id, id FROM annotations WHERE article_id = NEW.id AND deleted_at IS NULL
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_board_archive AFTER UPDATE OF archived_at ON articles FOR EACH ROW
	WHEN (NEW.archived_at IS DISTINCT FROM OLD.archived_at) EXECUTE FUNCTION articles_board_archive();
--> statement-breakpoint

-- The agreement cache (0008, 0014, 0018): a write that changes an article's figures drops its rows.
CREATE FUNCTION annotations_agreement_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM agreement_articles WHERE article_id = NEW.article_id) THEN
		DELETE FROM agreement_pairs WHERE article_id = NEW.article_id;
		DELETE FROM agreement_articles WHERE article_id = NEW.article_id;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_agreement_ai AFTER INSERT ON annotations FOR EACH ROW EXECUTE FUNCTION annotations_agreement_ai();
--> statement-breakpoint
CREATE FUNCTION annotations_agreement_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_pairs WHERE article_id IN (OLD.article_id, NEW.article_id);
	DELETE FROM agreement_articles WHERE article_id IN (OLD.article_id, NEW.article_id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_agreement_au AFTER UPDATE OF start, "end", label, author_id, article_id, deleted_at ON annotations FOR EACH ROW
	WHEN (OLD.start IS DISTINCT FROM NEW.start OR OLD."end" IS DISTINCT FROM NEW."end" OR OLD.label IS DISTINCT FROM NEW.label
		OR OLD.author_id IS DISTINCT FROM NEW.author_id OR OLD.article_id IS DISTINCT FROM NEW.article_id OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
	EXECUTE FUNCTION annotations_agreement_au();
--> statement-breakpoint
CREATE FUNCTION annotations_agreement_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_pairs WHERE article_id = OLD.article_id;
	DELETE FROM agreement_articles WHERE article_id = OLD.article_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_agreement_ad AFTER DELETE ON annotations FOR EACH ROW EXECUTE FUNCTION annotations_agreement_ad();
--> statement-breakpoint
CREATE FUNCTION articles_agreement_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_pairs WHERE article_id = NEW.id;
	DELETE FROM agreement_articles WHERE article_id = NEW.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_agreement_au AFTER UPDATE OF body, project_id ON articles FOR EACH ROW EXECUTE FUNCTION articles_agreement_au();
--> statement-breakpoint
CREATE TRIGGER articles_agreement_archive_au AFTER UPDATE OF archived_at ON articles FOR EACH ROW
	WHEN (OLD.archived_at IS DISTINCT FROM NEW.archived_at) EXECUTE FUNCTION articles_agreement_au();
--> statement-breakpoint
CREATE FUNCTION agreement_pairs_totals_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO agreement_pair_totals AS t VALUES (NEW.project_id, NEW.a, NEW.b, 1, NEW.spans_a, NEW.spans_b, NEW.exact_matches, NEW.overlap_matches,
		NEW.agree0, NEW.agree1, NEW.agree2, NEW.agree3, NEW.a0, NEW.a1, NEW.a2, NEW.a3, NEW.b0, NEW.b1, NEW.b2, NEW.b3)
	ON CONFLICT (project_id, a, b) DO UPDATE SET articles = t.articles + 1,
		spans_a = t.spans_a + excluded.spans_a, spans_b = t.spans_b + excluded.spans_b,
		exact_matches = t.exact_matches + excluded.exact_matches, overlap_matches = t.overlap_matches + excluded.overlap_matches,
		agree0 = t.agree0 + excluded.agree0, agree1 = t.agree1 + excluded.agree1, agree2 = t.agree2 + excluded.agree2, agree3 = t.agree3 + excluded.agree3,
		a0 = t.a0 + excluded.a0, a1 = t.a1 + excluded.a1, a2 = t.a2 + excluded.a2, a3 = t.a3 + excluded.a3,
		b0 = t.b0 + excluded.b0, b1 = t.b1 + excluded.b1, b2 = t.b2 + excluded.b2, b3 = t.b3 + excluded.b3;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_pairs_totals_ai AFTER INSERT ON agreement_pairs FOR EACH ROW EXECUTE FUNCTION agreement_pairs_totals_ai();
--> statement-breakpoint
CREATE FUNCTION agreement_pairs_totals_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE agreement_pair_totals SET articles = articles - 1,
		spans_a = spans_a - OLD.spans_a, spans_b = spans_b - OLD.spans_b,
		exact_matches = exact_matches - OLD.exact_matches, overlap_matches = overlap_matches - OLD.overlap_matches,
		agree0 = agree0 - OLD.agree0, agree1 = agree1 - OLD.agree1, agree2 = agree2 - OLD.agree2, agree3 = agree3 - OLD.agree3,
		a0 = a0 - OLD.a0, a1 = a1 - OLD.a1, a2 = a2 - OLD.a2, a3 = a3 - OLD.a3,
		b0 = b0 - OLD.b0, b1 = b1 - OLD.b1, b2 = b2 - OLD.b2, b3 = b3 - OLD.b3
	WHERE project_id = OLD.project_id AND a = OLD.a AND b = OLD.b;
	DELETE FROM agreement_pair_totals WHERE project_id = OLD.project_id AND a = OLD.a AND b = OLD.b AND articles = 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_pairs_totals_ad AFTER DELETE ON agreement_pairs FOR EACH ROW EXECUTE FUNCTION agreement_pairs_totals_ad();
--> statement-breakpoint
CREATE FUNCTION agreement_articles_authors_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO agreement_authors (project_id, author_id, articles)
		SELECT DISTINCT NEW.project_id, author.value::int, 1 FROM jsonb_array_elements_text(NEW.authors) AS author
	ON CONFLICT (project_id, author_id) DO UPDATE SET articles = agreement_authors.articles + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_articles_authors_ai AFTER INSERT ON agreement_articles FOR EACH ROW EXECUTE FUNCTION agreement_articles_authors_ai();
--> statement-breakpoint
CREATE FUNCTION agreement_articles_authors_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE agreement_authors SET articles = articles - 1
		WHERE project_id = OLD.project_id AND author_id IN (SELECT value::int FROM jsonb_array_elements_text(OLD.authors));
	DELETE FROM agreement_authors
		WHERE project_id = OLD.project_id AND author_id IN (SELECT value::int FROM jsonb_array_elements_text(OLD.authors)) AND articles = 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER agreement_articles_authors_ad AFTER DELETE ON agreement_articles FOR EACH ROW EXECUTE FUNCTION agreement_articles_authors_ad();
--> statement-breakpoint

-- Link F1 cache (0016): any write that can change an author's link keys drops the author's row.
CREATE FUNCTION links_agreement_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_link_authors WHERE project_id = NEW.project_id AND author_id = NEW.author_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER links_agreement_ai AFTER INSERT ON links FOR EACH ROW EXECUTE FUNCTION links_agreement_ai();
--> statement-breakpoint
CREATE FUNCTION links_agreement_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_link_authors WHERE project_id = OLD.project_id AND author_id = OLD.author_id;
	DELETE FROM agreement_link_authors WHERE project_id = NEW.project_id AND author_id = NEW.author_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER links_agreement_au AFTER UPDATE OF deleted_at, relation, from_annotation_id, to_annotation_id, author_id, project_id ON links
	FOR EACH ROW EXECUTE FUNCTION links_agreement_au();
--> statement-breakpoint
CREATE FUNCTION links_agreement_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_link_authors WHERE project_id = OLD.project_id AND author_id = OLD.author_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER links_agreement_ad AFTER DELETE ON links FOR EACH ROW EXECUTE FUNCTION links_agreement_ad();
--> statement-breakpoint
CREATE FUNCTION annotations_agreement_links_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_link_authors WHERE (project_id, author_id) IN (
		SELECT project_id, author_id FROM links WHERE from_annotation_id = NEW.id
		UNION SELECT project_id, author_id FROM links WHERE to_annotation_id = NEW.id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_agreement_links_au AFTER UPDATE OF start, "end", article_id, deleted_at ON annotations
	FOR EACH ROW EXECUTE FUNCTION annotations_agreement_links_au();
--> statement-breakpoint
CREATE FUNCTION articles_agreement_links_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM agreement_link_authors WHERE (project_id, author_id) IN (
		SELECT l.project_id, l.author_id FROM annotations e JOIN links l ON l.from_annotation_id = e.id WHERE e.article_id = NEW.id
		UNION SELECT l.project_id, l.author_id FROM annotations e JOIN links l ON l.to_annotation_id = e.id WHERE e.article_id = NEW.id);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_agreement_links_au AFTER UPDATE OF archived_at, project_id ON articles
	FOR EACH ROW EXECUTE FUNCTION articles_agreement_links_au();
--> statement-breakpoint

-- Article revisions (0011, 0014): revision 1 on import; an annotation refers to the current text.
CREATE FUNCTION articles_revision_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO article_revisions (article_id, project_id, number, body, sha256, source, title, published_at, created_by)
	VALUES (NEW.id, NEW.project_id, NEW.current_revision, NEW.body, NEW.sha256, 'import', NEW.title, NEW.published_at, NEW.imported_by);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER articles_revision_ai AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION articles_revision_ai();
--> statement-breakpoint
CREATE FUNCTION annotations_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.revision := coalesce((SELECT current_revision FROM articles WHERE id = NEW.article_id), NEW.revision);
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER annotations_revision_ai BEFORE INSERT ON annotations FOR EACH ROW EXECUTE FUNCTION annotations_revision();
--> statement-breakpoint
CREATE TRIGGER annotations_revision_au BEFORE UPDATE OF start, "end" ON annotations FOR EACH ROW
	WHEN (NEW.start <> OLD.start OR NEW."end" <> OLD."end") EXECUTE FUNCTION annotations_revision();
--> statement-breakpoint

-- Review queue tallies (0015): live annotations and links per (project, article, label, author).
CREATE FUNCTION queue_tallies_annotation_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO queue_tallies AS t (project_id, article_id, label, author_id, n) VALUES (NEW.project_id, NEW.article_id, NEW.label, NEW.author_id, 1)
		ON CONFLICT (project_id, article_id, label, author_id) DO UPDATE SET n = t.n + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_tallies_annotation_ai AFTER INSERT ON annotations FOR EACH ROW WHEN (NEW.deleted_at IS NULL)
	EXECUTE FUNCTION queue_tallies_annotation_ai();
--> statement-breakpoint
CREATE FUNCTION queue_tallies_annotation_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE queue_tallies SET n = n - 1
		WHERE OLD.deleted_at IS NULL AND project_id = OLD.project_id AND article_id = OLD.article_id AND label = OLD.label AND author_id = OLD.author_id;
	INSERT INTO queue_tallies AS t (project_id, article_id, label, author_id, n)
		SELECT NEW.project_id, NEW.article_id, NEW.label, NEW.author_id, 1 WHERE NEW.deleted_at IS NULL
		ON CONFLICT (project_id, article_id, label, author_id) DO UPDATE SET n = t.n + 1;
	-- The links that start here move with their first end.
	IF OLD.article_id <> NEW.article_id THEN
		UPDATE queue_tallies q SET n = q.n - (SELECT count(*) FROM links l WHERE l.from_annotation_id = OLD.id AND l.deleted_at IS NULL AND l.author_id = q.author_id)
			WHERE q.project_id = OLD.project_id AND q.article_id = OLD.article_id AND q.label = 'link';
		INSERT INTO queue_tallies AS t (project_id, article_id, label, author_id, n)
			SELECT l.project_id, NEW.article_id, 'link', l.author_id, count(*) FROM links l
			WHERE l.from_annotation_id = NEW.id AND l.deleted_at IS NULL GROUP BY l.project_id, l.author_id
			ON CONFLICT (project_id, article_id, label, author_id) DO UPDATE SET n = t.n + excluded.n;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_tallies_annotation_au AFTER UPDATE OF project_id, article_id, label, author_id, deleted_at ON annotations FOR EACH ROW
	WHEN (OLD.project_id <> NEW.project_id OR OLD.article_id <> NEW.article_id OR OLD.label IS DISTINCT FROM NEW.label
		OR OLD.author_id <> NEW.author_id OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
	EXECUTE FUNCTION queue_tallies_annotation_au();
--> statement-breakpoint
CREATE FUNCTION queue_tallies_annotation_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE queue_tallies SET n = n - 1
		WHERE project_id = OLD.project_id AND article_id = OLD.article_id AND label = OLD.label AND author_id = OLD.author_id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_tallies_annotation_ad AFTER DELETE ON annotations FOR EACH ROW WHEN (OLD.deleted_at IS NULL)
	EXECUTE FUNCTION queue_tallies_annotation_ad();
--> statement-breakpoint
-- The article a link counts under: its first end's, that row locked FOR SHARE (see the top). A
-- statement of its own, called before the writes that use it: a statement waiting on a lock
-- keeps the snapshot it started with, and would miss rows the other writer inserted.
CREATE FUNCTION queue_link_article(first_end integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
	found integer;
BEGIN
	SELECT article_id INTO found FROM annotations WHERE id = first_end FOR SHARE;
	RETURN found;
END $$;
--> statement-breakpoint
CREATE FUNCTION queue_tallies_link_ai() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	article integer := queue_link_article(NEW.from_annotation_id);
BEGIN
	IF article IS NOT NULL THEN
		INSERT INTO queue_tallies AS t (project_id, article_id, label, author_id, n) VALUES (NEW.project_id, article, 'link', NEW.author_id, 1)
			ON CONFLICT (project_id, article_id, label, author_id) DO UPDATE SET n = t.n + 1;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_tallies_link_ai AFTER INSERT ON links FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION queue_tallies_link_ai();
--> statement-breakpoint
CREATE FUNCTION queue_tallies_link_au() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	old_article integer := queue_link_article(OLD.from_annotation_id);
	new_article integer := queue_link_article(NEW.from_annotation_id);
BEGIN
	IF OLD.deleted_at IS NULL THEN
		UPDATE queue_tallies SET n = n - 1
			WHERE project_id = OLD.project_id AND label = 'link' AND author_id = OLD.author_id AND article_id = old_article;
	END IF;
	IF NEW.deleted_at IS NULL AND new_article IS NOT NULL THEN
		INSERT INTO queue_tallies AS t (project_id, article_id, label, author_id, n) VALUES (NEW.project_id, new_article, 'link', NEW.author_id, 1)
			ON CONFLICT (project_id, article_id, label, author_id) DO UPDATE SET n = t.n + 1;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_tallies_link_au AFTER UPDATE OF project_id, from_annotation_id, author_id, deleted_at ON links FOR EACH ROW
	WHEN (OLD.project_id <> NEW.project_id OR OLD.from_annotation_id <> NEW.from_annotation_id OR OLD.author_id <> NEW.author_id
		OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
	EXECUTE FUNCTION queue_tallies_link_au();
--> statement-breakpoint
CREATE FUNCTION queue_tallies_link_ad() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	article integer := queue_link_article(OLD.from_annotation_id);
BEGIN
	UPDATE queue_tallies SET n = n - 1
		WHERE project_id = OLD.project_id AND label = 'link' AND author_id = OLD.author_id AND article_id = article;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_tallies_link_ad AFTER DELETE ON links FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION queue_tallies_link_ad();
--> statement-breakpoint

-- reviews.target_author_id (0017): the reviewed item's author, kept when it changes author.
CREATE FUNCTION reviews_target_author_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.target_author_id := coalesce(
		(SELECT a.author_id FROM annotations a WHERE a.id = NEW.annotation_id),
		(SELECT l.author_id FROM links l WHERE l.id = NEW.link_id));
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_target_author_ai BEFORE INSERT ON reviews FOR EACH ROW WHEN (NEW.target_author_id IS NULL)
	EXECUTE FUNCTION reviews_target_author_ai();
--> statement-breakpoint
CREATE FUNCTION reviews_target_author_annotation_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE reviews SET target_author_id = NEW.author_id WHERE annotation_id = NEW.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_target_author_annotation_au AFTER UPDATE OF author_id ON annotations FOR EACH ROW
	WHEN (OLD.author_id <> NEW.author_id) EXECUTE FUNCTION reviews_target_author_annotation_au();
--> statement-breakpoint
CREATE FUNCTION reviews_target_author_link_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE reviews SET target_author_id = NEW.author_id WHERE link_id = NEW.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_target_author_link_au AFTER UPDATE OF author_id ON links FOR EACH ROW
	WHEN (OLD.author_id <> NEW.author_id) EXECUTE FUNCTION reviews_target_author_link_au();
--> statement-breakpoint

-- The queue's coarser counters (0017), derived from queue_tallies; no outlet counts under '-'.
-- The outlet an article's items count under, that row locked FOR SHARE (as queue_link_article).
CREATE FUNCTION queue_article_outlet(article integer) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	found text;
BEGIN
	SELECT coalesce(nullif(outlet, ''), '-') INTO found FROM articles WHERE id = article FOR SHARE;
	RETURN found;
END $$;
--> statement-breakpoint
CREATE FUNCTION queue_coarse_tallies_add(item queue_tallies) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	outlet_name text := queue_article_outlet(item.article_id);
BEGIN
	IF outlet_name IS NOT NULL THEN
		INSERT INTO queue_outlet_tallies AS t (project_id, outlet, label, author_id, n) VALUES (item.project_id, outlet_name, item.label, item.author_id, item.n)
			ON CONFLICT (project_id, outlet, label, author_id) DO UPDATE SET n = t.n + excluded.n;
	END IF;
	INSERT INTO queue_article_tallies AS t (project_id, article_id, label, n) VALUES (item.project_id, item.article_id, item.label, item.n)
		ON CONFLICT (project_id, article_id, label) DO UPDATE SET n = t.n + excluded.n;
END $$;
--> statement-breakpoint
CREATE FUNCTION queue_coarse_tallies_remove(item queue_tallies) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	outlet_name text := queue_article_outlet(item.article_id);
BEGIN
	UPDATE queue_outlet_tallies SET n = n - item.n
		WHERE project_id = item.project_id AND label = item.label AND author_id = item.author_id AND outlet = outlet_name;
	UPDATE queue_article_tallies SET n = n - item.n WHERE project_id = item.project_id AND article_id = item.article_id AND label = item.label;
END $$;
--> statement-breakpoint
CREATE FUNCTION queue_coarse_tallies_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_coarse_tallies_add(NEW);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_coarse_tallies_ai AFTER INSERT ON queue_tallies FOR EACH ROW EXECUTE FUNCTION queue_coarse_tallies_ai();
--> statement-breakpoint
CREATE FUNCTION queue_coarse_tallies_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_coarse_tallies_remove(OLD);
	PERFORM queue_coarse_tallies_add(NEW);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_coarse_tallies_au AFTER UPDATE ON queue_tallies FOR EACH ROW
	WHEN (OLD.n <> NEW.n OR OLD.article_id <> NEW.article_id OR OLD.label <> NEW.label OR OLD.author_id <> NEW.author_id OR OLD.project_id <> NEW.project_id)
	EXECUTE FUNCTION queue_coarse_tallies_au();
--> statement-breakpoint
CREATE FUNCTION queue_coarse_tallies_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM queue_coarse_tallies_remove(OLD);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_coarse_tallies_ad AFTER DELETE ON queue_tallies FOR EACH ROW EXECUTE FUNCTION queue_coarse_tallies_ad();
--> statement-breakpoint
-- An article that changes outlet takes its items along.
CREATE FUNCTION queue_outlet_tallies_article_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE queue_outlet_tallies o SET n = o.n - (SELECT coalesce(sum(t.n), 0) FROM queue_tallies t
			WHERE t.project_id = OLD.project_id AND t.article_id = OLD.id AND t.label = o.label AND t.author_id = o.author_id)
		WHERE o.project_id = OLD.project_id AND o.outlet = coalesce(nullif(OLD.outlet, ''), '-');
	INSERT INTO queue_outlet_tallies AS o (project_id, outlet, label, author_id, n)
		SELECT t.project_id, coalesce(nullif(NEW.outlet, ''), '-'), t.label, t.author_id, t.n FROM queue_tallies t
		WHERE t.project_id = NEW.project_id AND t.article_id = NEW.id
		ON CONFLICT (project_id, outlet, label, author_id) DO UPDATE SET n = o.n + excluded.n;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER queue_outlet_tallies_article_au AFTER UPDATE OF outlet ON articles FOR EACH ROW
	WHEN (coalesce(nullif(OLD.outlet, ''), '-') <> coalesce(nullif(NEW.outlet, ''), '-'))
	EXECUTE FUNCTION queue_outlet_tallies_article_au();
--> statement-breakpoint

-- speaker_tallies (0019): live annotations per (project, speaker); a count of 0 is removed.
CREATE FUNCTION speaker_tallies_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO speaker_tallies AS t (project_id, speaker, n) VALUES (NEW.project_id, NEW.attributes ->> 'speaker', 1)
		ON CONFLICT (project_id, speaker) DO UPDATE SET n = t.n + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER speaker_tallies_ai AFTER INSERT ON annotations FOR EACH ROW
	WHEN (NEW.deleted_at IS NULL AND coalesce(NEW.attributes ->> 'speaker', '') <> '') EXECUTE FUNCTION speaker_tallies_ai();
--> statement-breakpoint
CREATE FUNCTION speaker_tallies_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE speaker_tallies SET n = n - 1
		WHERE OLD.deleted_at IS NULL AND project_id = OLD.project_id AND speaker = OLD.attributes ->> 'speaker';
	DELETE FROM speaker_tallies WHERE project_id = OLD.project_id AND speaker = OLD.attributes ->> 'speaker' AND n <= 0;
	INSERT INTO speaker_tallies AS t (project_id, speaker, n)
		SELECT NEW.project_id, NEW.attributes ->> 'speaker', 1
		WHERE NEW.deleted_at IS NULL AND coalesce(NEW.attributes ->> 'speaker', '') <> ''
		ON CONFLICT (project_id, speaker) DO UPDATE SET n = t.n + 1;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER speaker_tallies_au AFTER UPDATE OF project_id, attributes, deleted_at ON annotations FOR EACH ROW
	WHEN (OLD.project_id <> NEW.project_id OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
		OR (OLD.attributes ->> 'speaker') IS DISTINCT FROM (NEW.attributes ->> 'speaker'))
	EXECUTE FUNCTION speaker_tallies_au();
--> statement-breakpoint
CREATE FUNCTION speaker_tallies_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE speaker_tallies SET n = n - 1 WHERE project_id = OLD.project_id AND speaker = OLD.attributes ->> 'speaker';
	DELETE FROM speaker_tallies WHERE project_id = OLD.project_id AND speaker = OLD.attributes ->> 'speaker' AND n <= 0;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER speaker_tallies_ad AFTER DELETE ON annotations FOR EACH ROW
	WHEN (OLD.deleted_at IS NULL AND coalesce(OLD.attributes ->> 'speaker', '') <> '') EXECUTE FUNCTION speaker_tallies_ad();
