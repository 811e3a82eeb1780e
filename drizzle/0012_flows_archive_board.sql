-- Archiving or restoring an article takes its statements out of (or back into) the claim
-- board: they are marked dirty, and the next board read recomputes their clusters
-- (lib/data/boardClusters.ts counts a statement of an archived article as deleted).
CREATE TRIGGER `articles_board_archive` AFTER UPDATE OF `archived_at` ON `articles` WHEN new.`archived_at` IS NOT old.`archived_at` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) SELECT `project_id`, `id` FROM `annotations` WHERE `article_id` = new.`id` AND `deleted_at` IS NULL;
END;
