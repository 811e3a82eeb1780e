-- queue_tallies: live annotations and links per (project, article, label, author), kept by
-- triggers in the transaction of every write. The review queue's filter counts read these few
-- thousand rows and subtract what the reviewer already reviewed, instead of probing the
-- reviews of every annotation of the project. A link counts under label 'link' and the
-- article of its first end (where the queue lists it).
CREATE TABLE `queue_tallies` (
	`project_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`label` text NOT NULL,
	`author_id` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `article_id`, `label`, `author_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `queue_tallies_annotation_ai` AFTER INSERT ON `annotations` WHEN new.`deleted_at` IS NULL BEGIN
	INSERT INTO `queue_tallies` (`project_id`, `article_id`, `label`, `author_id`, `n`) VALUES (new.`project_id`, new.`article_id`, new.`label`, new.`author_id`, 1)
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_tallies_annotation_au` AFTER UPDATE OF `project_id`, `article_id`, `label`, `author_id`, `deleted_at` ON `annotations`
WHEN old.`project_id` <> new.`project_id` OR old.`article_id` <> new.`article_id` OR old.`label` IS NOT new.`label` OR old.`author_id` <> new.`author_id` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL) BEGIN
	UPDATE `queue_tallies` SET `n` = `n` - 1
		WHERE old.`deleted_at` IS NULL AND `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = old.`label` AND `author_id` = old.`author_id`;
	INSERT INTO `queue_tallies` (`project_id`, `article_id`, `label`, `author_id`, `n`) SELECT new.`project_id`, new.`article_id`, new.`label`, new.`author_id`, 1 WHERE new.`deleted_at` IS NULL
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
	-- The links that start here move with their first end.
	UPDATE `queue_tallies` SET `n` = `n` - (SELECT count(*) FROM `links` l WHERE l.`from_annotation_id` = old.`id` AND l.`deleted_at` IS NULL AND l.`author_id` = `queue_tallies`.`author_id`)
		WHERE old.`article_id` <> new.`article_id` AND `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = 'link';
	INSERT INTO `queue_tallies` (`project_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT l.`project_id`, new.`article_id`, 'link', l.`author_id`, count(*) FROM `links` l
		WHERE old.`article_id` <> new.`article_id` AND l.`from_annotation_id` = new.`id` AND l.`deleted_at` IS NULL GROUP BY l.`project_id`, l.`author_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_tallies_annotation_ad` AFTER DELETE ON `annotations` WHEN old.`deleted_at` IS NULL BEGIN
	UPDATE `queue_tallies` SET `n` = `n` - 1
		WHERE `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = old.`label` AND `author_id` = old.`author_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_tallies_link_ai` AFTER INSERT ON `links` WHEN new.`deleted_at` IS NULL BEGIN
	INSERT INTO `queue_tallies` (`project_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, a.`article_id`, 'link', new.`author_id`, 1 FROM `annotations` a WHERE a.`id` = new.`from_annotation_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_tallies_link_au` AFTER UPDATE OF `project_id`, `from_annotation_id`, `author_id`, `deleted_at` ON `links`
WHEN old.`project_id` <> new.`project_id` OR old.`from_annotation_id` <> new.`from_annotation_id` OR old.`author_id` <> new.`author_id` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL) BEGIN
	UPDATE `queue_tallies` SET `n` = `n` - 1
		WHERE old.`deleted_at` IS NULL AND `project_id` = old.`project_id` AND `label` = 'link' AND `author_id` = old.`author_id`
		AND `article_id` = (SELECT a.`article_id` FROM `annotations` a WHERE a.`id` = old.`from_annotation_id`);
	INSERT INTO `queue_tallies` (`project_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, a.`article_id`, 'link', new.`author_id`, 1 FROM `annotations` a WHERE new.`deleted_at` IS NULL AND a.`id` = new.`from_annotation_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_tallies_link_ad` AFTER DELETE ON `links` WHEN old.`deleted_at` IS NULL BEGIN
	UPDATE `queue_tallies` SET `n` = `n` - 1
		WHERE `project_id` = old.`project_id` AND `label` = 'link' AND `author_id` = old.`author_id`
		AND `article_id` = (SELECT a.`article_id` FROM `annotations` a WHERE a.`id` = old.`from_annotation_id`);
END;
--> statement-breakpoint
INSERT INTO `queue_tallies` (`project_id`, `article_id`, `label`, `author_id`, `n`)
SELECT `project_id`, `article_id`, `label`, `author_id`, count(*) FROM `annotations` WHERE `deleted_at` IS NULL
GROUP BY `project_id`, `article_id`, `label`, `author_id`;
--> statement-breakpoint
INSERT INTO `queue_tallies` (`project_id`, `article_id`, `label`, `author_id`, `n`)
SELECT l.`project_id`, a.`article_id`, 'link', l.`author_id`, count(*) FROM `links` l JOIN `annotations` a ON a.`id` = l.`from_annotation_id`
WHERE l.`deleted_at` IS NULL
GROUP BY l.`project_id`, a.`article_id`, l.`author_id`
ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
--> statement-breakpoint
-- The lead's list of disputed items walks the disputed annotations only, in queue order, where
-- the (project, article, start) index would walk the whole project to find a few or none.
CREATE INDEX `annotations_disputed_idx` ON `annotations` (`project_id`,`article_id`,`start`) WHERE `status` = 'disputed';
