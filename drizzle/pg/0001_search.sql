-- Search on PostgreSQL (issue 17), in place of SQLite's FTS5 tables search_fts and articles_fts.
-- The word search is the tsvector expression indexes of 0000_schema (lib/db/pg/schema.ts):
-- annotations (exact, note, speaker; live only) and article_sentences ('english', stemmed like
-- FTS5's porter tokenizer), articles (title, outlet, body; 'simple', unstemmed like
-- unicode61). Being expressions over the rows themselves, they need no triggers and are never
-- stale. pg_trgm adds what FTS cannot do: substring and misspelling matches (ILIKE '%…%',
-- similarity) on the short texts people type fragments of, statement text and article titles.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "annotations_exact_trgm_idx" ON "annotations" USING gin ("exact" gin_trgm_ops) WHERE "deleted_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "articles_title_trgm_idx" ON "articles" USING gin ("title" gin_trgm_ops);
