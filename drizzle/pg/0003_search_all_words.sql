-- Statement search keeps every word, as FTS5's porter tokenizer does (link suggestions rank
-- alike on both engines, lib/data/pgStatementSearch.ts): 'english' drops its stop words, and
-- "not", "against" or "because" are what tells "will recognize" from "will not recognize".
-- statement_words is 'english' with its Snowball stemmer minus the stop word list; the
-- function keeps its name and fallback, so the two GIN indexes are only rebuilt. Its
-- search_path is fixed at creation, so a restore (pg_restore runs with an empty search_path)
-- still finds the configuration.
CREATE TEXT SEARCH DICTIONARY statement_words_stem (TEMPLATE = snowball, Language = english);
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION statement_words (COPY = english);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION statement_words
	ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH statement_words_stem;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION statement_search_vector(words text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path FROM CURRENT AS $$
BEGIN
	RETURN to_tsvector('statement_words'::regconfig, words);
EXCEPTION WHEN program_limit_exceeded THEN
	RETURN to_tsvector('statement_words'::regconfig, left(words, 100000));
END $$;
--> statement-breakpoint
REINDEX INDEX "annotations_search_idx";
--> statement-breakpoint
REINDEX INDEX "article_sentences_search_idx";
