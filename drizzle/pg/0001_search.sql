-- Search on PostgreSQL (issue 17), in place of SQLite's FTS5 tables search_fts and articles_fts:
-- GIN indexes over tsvector expressions of the rows themselves, so no trigger keeps them and
-- they are never stale. Queries use the same expression (the functions below) to use them:
--   statements (live annotations: exact, note, speaker) and article sentences: 'english',
--   stemmed like FTS5's porter tokenizer: statement_search_vector(...) @@ to_tsquery('english', ...)
--   articles (title, outlet, body): 'simple', unstemmed like unicode61: article_search_vector(...)
-- A tsvector holds at most 1 MB: a 2 MB text of distinct tokens would fail its own INSERT if
-- indexed whole, so such a text is indexed on its first 100,000 characters (FTS5 has no limit;
-- real prose of that length fits whole, its words repeat).
-- pg_trgm adds what FTS cannot do: substring and misspelling matches (ILIKE '%…%', similarity)
-- on the short texts people type fragments of, statement text and article titles.
CREATE FUNCTION statement_search_vector(words text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
	RETURN to_tsvector('english'::regconfig, words);
EXCEPTION WHEN program_limit_exceeded THEN
	RETURN to_tsvector('english'::regconfig, left(words, 100000));
END $$;
--> statement-breakpoint
CREATE FUNCTION article_search_vector(title text, outlet text, body text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
	RETURN to_tsvector('simple'::regconfig, title || ' ' || coalesce(outlet, '') || ' ' || body);
EXCEPTION WHEN program_limit_exceeded THEN
	RETURN to_tsvector('simple'::regconfig, title || ' ' || coalesce(outlet, '') || ' ' || left(body, 100000));
END $$;
--> statement-breakpoint
CREATE INDEX "annotations_search_idx" ON "annotations" USING gin (statement_search_vector("exact" || ' ' || "note" || ' ' || coalesce("attributes" ->> 'speaker', '')))
	WHERE "deleted_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "article_sentences_search_idx" ON "article_sentences" USING gin (statement_search_vector("text"));
--> statement-breakpoint
CREATE INDEX "articles_search_idx" ON "articles" USING gin (article_search_vector("title", "outlet", "body"));
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "annotations_exact_trgm_idx" ON "annotations" USING gin ("exact" gin_trgm_ops) WHERE "deleted_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "articles_title_trgm_idx" ON "articles" USING gin ("title" gin_trgm_ops);
