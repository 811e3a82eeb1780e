-- The article list's search folds diacritics, as SQLite's articles_fts (unicode61
-- remove_diacritics) does: "suddeutsche" finds "Süddeutsche Zeitung". unaccent is a trusted
-- extension (the database's owner may create it) shipped with PostgreSQL. The function keeps
-- its name, so the GIN index over it is only rebuilt; its search_path is fixed at creation so
-- a restore (pg_restore runs with an empty search_path) still finds unaccent.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION article_search_vector(title text, outlet text, body text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
COST 1000 SET search_path FROM CURRENT AS $$
DECLARE
	words text := unaccent('unaccent'::regdictionary, title || ' ' || coalesce(outlet, '') || ' ' || body);
BEGIN
	IF length(words) <= 100000 THEN
		RETURN to_tsvector('simple'::regconfig, words);
	END IF;
	BEGIN
		RETURN to_tsvector('simple'::regconfig, words);
	EXCEPTION WHEN program_limit_exceeded THEN
		RETURN to_tsvector('simple'::regconfig, left(words, 100000));
	END;
END $$;
--> statement-breakpoint
CREATE FUNCTION article_search_query(terms text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT AS $$ SELECT to_tsquery('simple'::regconfig, unaccent('unaccent'::regdictionary, terms)) $$;
--> statement-breakpoint
REINDEX INDEX "articles_search_idx";
