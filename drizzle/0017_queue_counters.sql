-- reviews.target_author_id: the author of the reviewed annotation or link, so the inbox and the
-- header's unread badge read the newest reviews of my items from one index, newest first,
-- instead of sorting every review of my items. Filled on insert (by the insert path, else by
-- the trigger below), kept when an item changes author, backfilled here.
ALTER TABLE `reviews` ADD `target_author_id` integer REFERENCES users(id);
--> statement-breakpoint
UPDATE `reviews` SET `target_author_id` = coalesce(
	(SELECT a.`author_id` FROM `annotations` a WHERE a.`id` = `reviews`.`annotation_id`),
	(SELECT l.`author_id` FROM `links` l WHERE l.`id` = `reviews`.`link_id`));
--> statement-breakpoint
CREATE INDEX `reviews_target_author_idx` ON `reviews` (`target_author_id`,`created_at`);
--> statement-breakpoint
CREATE TRIGGER `reviews_target_author_ai` AFTER INSERT ON `reviews` WHEN new.`target_author_id` IS NULL BEGIN
	UPDATE `reviews` SET `target_author_id` = coalesce(
		(SELECT a.`author_id` FROM `annotations` a WHERE a.`id` = new.`annotation_id`),
		(SELECT l.`author_id` FROM `links` l WHERE l.`id` = new.`link_id`))
	WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_target_author_annotation_au` AFTER UPDATE OF `author_id` ON `annotations` WHEN old.`author_id` <> new.`author_id` BEGIN
	UPDATE `reviews` SET `target_author_id` = new.`author_id` WHERE `annotation_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `reviews_target_author_link_au` AFTER UPDATE OF `author_id` ON `links` WHEN old.`author_id` <> new.`author_id` BEGIN
	UPDATE `reviews` SET `target_author_id` = new.`author_id` WHERE `link_id` = new.`id`;
END;
--> statement-breakpoint
-- A reviewer's live reviews, covering what the queue subtracts ("already reviewed by me"),
-- without walking the replaced ones.
CREATE INDEX `reviews_live_reviewer_idx` ON `reviews` (`project_id`,`reviewer_id`,`annotation_id`,`link_id`) WHERE `superseded_at` IS NULL;
--> statement-breakpoint
-- The (few) archived articles of a project, which the queue's counts leave out.
CREATE INDEX `articles_archived_idx` ON `articles` (`project_id`) WHERE archived_at is not null;
--> statement-breakpoint
-- The review queue's coarser counters, derived from queue_tallies (migration 0015) by triggers
-- on it, so every write that keeps queue_tallies keeps these too: live items per (project,
-- outlet, label, author) for the label, author and outlet filters (a few hundred rows whatever
-- the number of articles), and per (project, article, label) for the article filter. An article
-- without an outlet counts under '-' (NO_OUTLET in lib/data/reviewQueueCounts.ts).
CREATE TABLE `queue_outlet_tallies` (
	`project_id` integer NOT NULL,
	`outlet` text NOT NULL,
	`label` text NOT NULL,
	`author_id` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `outlet`, `label`, `author_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `queue_article_tallies` (
	`project_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`label` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `article_id`, `label`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The reviewer's own items per article (subtracted from queue_article_tallies) and one author's items.
CREATE INDEX `queue_tallies_author_idx` ON `queue_tallies` (`project_id`,`author_id`,`article_id`,`label`);
--> statement-breakpoint
CREATE TRIGGER `queue_coarse_tallies_ai` AFTER INSERT ON `queue_tallies` BEGIN
	INSERT INTO `queue_outlet_tallies` (`project_id`, `outlet`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, coalesce(nullif(a.`outlet`, ''), '-'), new.`label`, new.`author_id`, new.`n` FROM `articles` a WHERE a.`id` = new.`article_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `queue_article_tallies` (`project_id`, `article_id`, `label`, `n`) VALUES (new.`project_id`, new.`article_id`, new.`label`, new.`n`)
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_coarse_tallies_au` AFTER UPDATE ON `queue_tallies` WHEN old.`n` <> new.`n` OR old.`article_id` <> new.`article_id` OR old.`label` <> new.`label` OR old.`author_id` <> new.`author_id` OR old.`project_id` <> new.`project_id` BEGIN
	UPDATE `queue_outlet_tallies` SET `n` = `n` - old.`n`
		WHERE `project_id` = old.`project_id` AND `label` = old.`label` AND `author_id` = old.`author_id`
		AND `outlet` = (SELECT coalesce(nullif(a.`outlet`, ''), '-') FROM `articles` a WHERE a.`id` = old.`article_id`);
	UPDATE `queue_article_tallies` SET `n` = `n` - old.`n` WHERE `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = old.`label`;
	INSERT INTO `queue_outlet_tallies` (`project_id`, `outlet`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, coalesce(nullif(a.`outlet`, ''), '-'), new.`label`, new.`author_id`, new.`n` FROM `articles` a WHERE a.`id` = new.`article_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `queue_article_tallies` (`project_id`, `article_id`, `label`, `n`) VALUES (new.`project_id`, new.`article_id`, new.`label`, new.`n`)
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_coarse_tallies_ad` AFTER DELETE ON `queue_tallies` BEGIN
	UPDATE `queue_outlet_tallies` SET `n` = `n` - old.`n`
		WHERE `project_id` = old.`project_id` AND `label` = old.`label` AND `author_id` = old.`author_id`
		AND `outlet` = (SELECT coalesce(nullif(a.`outlet`, ''), '-') FROM `articles` a WHERE a.`id` = old.`article_id`);
	UPDATE `queue_article_tallies` SET `n` = `n` - old.`n` WHERE `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = old.`label`;
END;
--> statement-breakpoint
-- An article that changes outlet takes its items along.
CREATE TRIGGER `queue_outlet_tallies_article_au` AFTER UPDATE OF `outlet` ON `articles`
WHEN coalesce(nullif(old.`outlet`, ''), '-') <> coalesce(nullif(new.`outlet`, ''), '-') BEGIN
	UPDATE `queue_outlet_tallies` SET `n` = `n` - (SELECT coalesce(sum(t.`n`), 0) FROM `queue_tallies` t
			WHERE t.`project_id` = old.`project_id` AND t.`article_id` = old.`id` AND t.`label` = `queue_outlet_tallies`.`label` AND t.`author_id` = `queue_outlet_tallies`.`author_id`)
		WHERE `project_id` = old.`project_id` AND `outlet` = coalesce(nullif(old.`outlet`, ''), '-');
	INSERT INTO `queue_outlet_tallies` (`project_id`, `outlet`, `label`, `author_id`, `n`)
		SELECT t.`project_id`, coalesce(nullif(new.`outlet`, ''), '-'), t.`label`, t.`author_id`, t.`n` FROM `queue_tallies` t WHERE t.`project_id` = new.`project_id` AND t.`article_id` = new.`id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
INSERT INTO `queue_outlet_tallies` (`project_id`, `outlet`, `label`, `author_id`, `n`)
SELECT t.`project_id`, coalesce(nullif(a.`outlet`, ''), '-'), t.`label`, t.`author_id`, sum(t.`n`) FROM `queue_tallies` t JOIN `articles` a ON a.`id` = t.`article_id`
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `queue_article_tallies` (`project_id`, `article_id`, `label`, `n`)
SELECT `project_id`, `article_id`, `label`, sum(`n`) FROM `queue_tallies` GROUP BY 1, 2, 3;
