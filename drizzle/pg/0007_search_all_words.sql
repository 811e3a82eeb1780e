-- Statement search tokenized and stemmed as FTS5's search_fts (porter unicode61), so link
-- suggestions rank alike on both engines (lib/data/pgStatementSearch.ts):
--   every word is kept: 'english' drops its stop words, and "not" or "against" is what tells
--     "will recognize" from "will not recognize" (FTS5's porter keeps every token);
--   words are stemmed by the original Porter algorithm (Snowball's 'porter', as FTS5's), not
--     by Porter2 ('english' stems "news" to "news", FTS5 to "new");
--   punctuation separates tokens, as in unicode61: "2.1", "22:40", "22.10.2024", "30-day" and
--     "x@y.org" are several tokens, not one float, version, hyphenated word or email, so every
--     token is one position of the tsvector and a statement's length in tokens is its
--     positions' count (bm25's D).
-- COST 1000 (ten times a default function's): parsing and stemming a text is expensive, so the
-- planner asks the GIN index rather than recomputing the vector of every statement of a
-- project (measured on the seed corpus: the ranking query 9 ms with the default, 4.3 ms).
-- The function keeps its name and its fallback for texts past what a tsvector holds, so the two
-- GIN indexes are only rebuilt. Its search_path is fixed at creation, so a restore (pg_restore
-- runs with an empty search_path) still finds the configuration.
CREATE TEXT SEARCH DICTIONARY statement_words_stem (TEMPLATE = snowball, Language = porter);
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION statement_words (COPY = english);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION statement_words
	ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart WITH statement_words_stem;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION statement_search_vector(words text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
COST 1000 SET search_path FROM CURRENT AS $$
DECLARE
	marks constant text := '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~‘’‚“”„«»‹›–—―…•·';
	spaced text := translate(words, marks, repeat(' ', length(marks)));
BEGIN
	-- 100,000 characters cannot make a tsvector past its limit: no subtransaction for them
	-- (an EXCEPTION block costs one per call, and ranking calls this for every statement it scores).
	IF length(spaced) <= 100000 THEN
		RETURN to_tsvector('statement_words'::regconfig, spaced);
	END IF;
	BEGIN
		RETURN to_tsvector('statement_words'::regconfig, spaced);
	EXCEPTION WHEN program_limit_exceeded THEN
		RETURN to_tsvector('statement_words'::regconfig, left(spaced, 100000));
	END;
END $$;
--> statement-breakpoint
REINDEX INDEX "annotations_search_idx";
--> statement-breakpoint
REINDEX INDEX "article_sentences_search_idx";
