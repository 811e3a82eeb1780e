-- Cheaper triggers on the write path (bench:writes, docs/benchmarks-writes.md). Same effects
-- as before; each now does nothing when nothing it tracks changed:
-- * a new annotation that already carries its article's current revision (lib/data writes it)
--   is not updated again right after its insert;
-- * inserting an annotation clears the agreement cache of its article only when there is one;
-- * an UPDATE that names a tracked column but leaves its value as it was (an edit of the note
--   sets label, start and end too) no longer clears the agreement cache, marks the board dirty
--   or rewrites the search index.
DROP TRIGGER `annotations_revision_ai`;--> statement-breakpoint
CREATE TRIGGER `annotations_revision_ai` AFTER INSERT ON `annotations`
	WHEN new.`revision` IS NOT (SELECT `current_revision` FROM `articles` WHERE `id` = new.`article_id`) BEGIN
	UPDATE `annotations` SET `revision` = (SELECT `current_revision` FROM `articles` WHERE `id` = new.`article_id`) WHERE `id` = new.`id`;
END;
--> statement-breakpoint
-- agreement_articles and agreement_pairs are filled together (lib/data/agreement.ts): an
-- article without the first has none of the second.
DROP TRIGGER `annotations_agreement_ai`;--> statement-breakpoint
CREATE TRIGGER `annotations_agreement_ai` AFTER INSERT ON `annotations`
	WHEN EXISTS (SELECT 1 FROM `agreement_articles` WHERE `article_id` = new.`article_id`) BEGIN
	DELETE FROM `agreement_pairs` WHERE `article_id` = new.`article_id`;
	DELETE FROM `agreement_articles` WHERE `article_id` = new.`article_id`;
END;
--> statement-breakpoint
DROP TRIGGER `annotations_agreement_au`;--> statement-breakpoint
CREATE TRIGGER `annotations_agreement_au` AFTER UPDATE OF `start`, `end`, `label`, `author_id`, `article_id`, `deleted_at` ON `annotations`
	WHEN old.`start` IS NOT new.`start` OR old.`end` IS NOT new.`end` OR old.`label` IS NOT new.`label` OR old.`author_id` IS NOT new.`author_id`
		OR old.`article_id` IS NOT new.`article_id` OR old.`deleted_at` IS NOT new.`deleted_at` BEGIN
	DELETE FROM `agreement_pairs` WHERE `article_id` IN (old.`article_id`, new.`article_id`);
	DELETE FROM `agreement_articles` WHERE `article_id` IN (old.`article_id`, new.`article_id`);
END;
--> statement-breakpoint
DROP TRIGGER `annotations_board_au`;--> statement-breakpoint
CREATE TRIGGER `annotations_board_au` AFTER UPDATE OF `label`, `status`, `deleted_at`, `article_id` ON `annotations`
	WHEN old.`label` IS NOT new.`label` OR (new.`label` = 'claim' AND old.`status` IS NOT new.`status`)
		OR old.`deleted_at` IS NOT new.`deleted_at` OR old.`article_id` IS NOT new.`article_id` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, new.`id`);
END;
--> statement-breakpoint
DROP TRIGGER `annotations_search_au`;--> statement-breakpoint
CREATE TRIGGER `annotations_search_au` AFTER UPDATE OF `exact`, `note`, `attributes`, `deleted_at` ON `annotations`
	WHEN old.`exact` IS NOT new.`exact` OR old.`note` IS NOT new.`note` OR old.`attributes` IS NOT new.`attributes` OR old.`deleted_at` IS NOT new.`deleted_at` BEGIN
	DELETE FROM `search_fts` WHERE rowid = old.`id`;
	INSERT INTO `search_fts` (rowid, `exact`, `note`, `speaker`) SELECT
		new.`id`, new.`exact`, new.`note`,
		CASE WHEN json_valid(new.`attributes`) THEN coalesce(cast(json_extract(new.`attributes`, '$.speaker') AS text), '') ELSE '' END
	WHERE new.`deleted_at` IS NULL;
END;
--> statement-breakpoint
DROP TRIGGER `links_board_au`;--> statement-breakpoint
CREATE TRIGGER `links_board_au` AFTER UPDATE OF `status`, `relation`, `deleted_at`, `from_annotation_id`, `to_annotation_id` ON `links`
	WHEN old.`status` IS NOT new.`status` OR old.`relation` IS NOT new.`relation` OR old.`deleted_at` IS NOT new.`deleted_at`
		OR old.`from_annotation_id` IS NOT new.`from_annotation_id` OR old.`to_annotation_id` IS NOT new.`to_annotation_id` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, old.`from_annotation_id`), (new.`project_id`, old.`to_annotation_id`), (new.`project_id`, new.`from_annotation_id`), (new.`project_id`, new.`to_annotation_id`);
END;
--> statement-breakpoint
DROP TRIGGER `verdicts_board_au`;--> statement-breakpoint
CREATE TRIGGER `verdicts_board_au` AFTER UPDATE OF `is_final`, `deleted_at`, `verdict`, `annotation_id` ON `verdicts`
	WHEN old.`is_final` IS NOT new.`is_final` OR old.`deleted_at` IS NOT new.`deleted_at` OR old.`verdict` IS NOT new.`verdict` OR old.`annotation_id` IS NOT new.`annotation_id` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, old.`annotation_id`), (new.`project_id`, new.`annotation_id`);
END;
