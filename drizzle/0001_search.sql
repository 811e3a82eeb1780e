-- Full-text search for linking statements across articles (lib/search).
-- One FTS5 index holds both kinds of searchable statement so that their bm25 scores are
-- comparable when merged: rowid > 0 is an annotation id, rowid < 0 is minus an article
-- sentence id. Annotations are kept in sync by triggers; sentences are filled lazily by
-- lib/search/sentenceIndex.ts for articles not indexed yet.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
	`exact`,
	`note`,
	`speaker`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TABLE `article_sentences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`text` text NOT NULL,
	CONSTRAINT "article_sentences_span_check" CHECK("start" >= 0 and "end" > "start")
);
--> statement-breakpoint
CREATE INDEX `article_sentences_article_idx` ON `article_sentences` (`article_id`, `start`);
--> statement-breakpoint
CREATE INDEX `article_sentences_project_idx` ON `article_sentences` (`project_id`);
--> statement-breakpoint
CREATE TABLE `article_search_state` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`sentence_count` integer NOT NULL,
	`indexed_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `annotations_search_ai` AFTER INSERT ON `annotations` WHEN new.`deleted_at` IS NULL BEGIN
	INSERT INTO `search_fts` (rowid, `exact`, `note`, `speaker`) VALUES (
		new.`id`, new.`exact`, new.`note`,
		CASE WHEN json_valid(new.`attributes`) THEN coalesce(cast(json_extract(new.`attributes`, '$.speaker') AS text), '') ELSE '' END
	);
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_search_au` AFTER UPDATE OF `exact`, `note`, `attributes`, `deleted_at` ON `annotations` BEGIN
	DELETE FROM `search_fts` WHERE rowid = old.`id`;
	INSERT INTO `search_fts` (rowid, `exact`, `note`, `speaker`) SELECT
		new.`id`, new.`exact`, new.`note`,
		CASE WHEN json_valid(new.`attributes`) THEN coalesce(cast(json_extract(new.`attributes`, '$.speaker') AS text), '') ELSE '' END
	WHERE new.`deleted_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_search_ad` AFTER DELETE ON `annotations` BEGIN
	DELETE FROM `search_fts` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_sentences_search_ai` AFTER INSERT ON `article_sentences` BEGIN
	INSERT INTO `search_fts` (rowid, `exact`, `note`, `speaker`) VALUES (-new.`id`, new.`text`, '', '');
END;
--> statement-breakpoint
CREATE TRIGGER `article_sentences_search_ad` AFTER DELETE ON `article_sentences` BEGIN
	DELETE FROM `search_fts` WHERE rowid = -old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_search_ad` AFTER DELETE ON `articles` BEGIN
	DELETE FROM `article_sentences` WHERE `article_id` = old.`id`;
	DELETE FROM `article_search_state` WHERE `article_id` = old.`id`;
END;
--> statement-breakpoint
INSERT INTO `search_fts` (rowid, `exact`, `note`, `speaker`)
SELECT `id`, `exact`, `note`,
	CASE WHEN json_valid(`attributes`) THEN coalesce(cast(json_extract(`attributes`, '$.speaker') AS text), '') ELSE '' END
FROM `annotations` WHERE `deleted_at` IS NULL;
