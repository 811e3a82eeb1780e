-- The review queue's counts without reading every review the reviewer ever made: what each
-- reviewer has a live review of, per (article, label, author) and per (outlet, label,
-- author), and each article's size for the article filter's largest-first walk. Kept by
-- triggers in the transaction of every write, like queue_tallies (0015, 0017).
CREATE TABLE `queue_article_sizes` (
	`project_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`label` text NOT NULL,
	`outlet` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `article_id`, `label`)
);
--> statement-breakpoint
CREATE INDEX `queue_article_sizes_size_idx` ON `queue_article_sizes` (`project_id`,`label`,`n`,`article_id`);--> statement-breakpoint
CREATE INDEX `queue_article_sizes_outlet_idx` ON `queue_article_sizes` (`project_id`,`label`,`outlet`,`n`,`article_id`);--> statement-breakpoint
CREATE TABLE `queue_reviewed_outlet_tallies` (
	`project_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`outlet` text NOT NULL,
	`label` text NOT NULL,
	`author_id` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `reviewer_id`, `outlet`, `label`, `author_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `queue_reviewed_tallies` (
	`project_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`label` text NOT NULL,
	`author_id` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `queue_reviewed_tallies_author_idx` ON `queue_reviewed_tallies` (`project_id`,`reviewer_id`,`author_id`,`article_id`);

--> statement-breakpoint
INSERT INTO `queue_reviewed_tallies` (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`, `n`)
SELECT a.`project_id`, r.`reviewer_id`, a.`article_id`, a.`label`, a.`author_id`, count(DISTINCT a.`id`) FROM `reviews` r JOIN `annotations` a ON a.`id` = r.`annotation_id`
WHERE r.`superseded_at` IS NULL AND a.`deleted_at` IS NULL AND a.`author_id` <> r.`reviewer_id` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `queue_reviewed_tallies` (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`, `n`)
SELECT l.`project_id`, r.`reviewer_id`, fa.`article_id`, 'link', l.`author_id`, count(DISTINCT l.`id`) FROM `reviews` r JOIN `links` l ON l.`id` = r.`link_id` JOIN `annotations` fa ON fa.`id` = l.`from_annotation_id`
WHERE r.`superseded_at` IS NULL AND l.`deleted_at` IS NULL AND l.`author_id` <> r.`reviewer_id` GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `queue_reviewed_outlet_tallies` (`project_id`, `reviewer_id`, `outlet`, `label`, `author_id`, `n`)
SELECT t.`project_id`, t.`reviewer_id`, coalesce(nullif(a.`outlet`, ''), '-'), t.`label`, t.`author_id`, sum(t.`n`) FROM `queue_reviewed_tallies` t JOIN `articles` a ON a.`id` = t.`article_id`
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO `queue_article_sizes` (`project_id`, `article_id`, `label`, `outlet`, `n`)
SELECT t.`project_id`, t.`article_id`, t.`label`, coalesce(nullif(a.`outlet`, ''), '-'), sum(t.`n`) FROM `queue_tallies` t JOIN `articles` a ON a.`id` = t.`article_id`
GROUP BY t.`project_id`, t.`article_id`, t.`label`
UNION ALL
SELECT t.`project_id`, t.`article_id`, '*', coalesce(nullif(a.`outlet`, ''), '-'), sum(t.`n`) FROM `queue_tallies` t JOIN `articles` a ON a.`id` = t.`article_id`
GROUP BY t.`project_id`, t.`article_id`;
--> statement-breakpoint
-- A live review counts its item once per reviewer: +1 when the reviewer had no other live review of it.
CREATE TRIGGER `queue_reviewed_review_ai` AFTER INSERT ON `reviews` WHEN new.`superseded_at` IS NULL BEGIN
	INSERT INTO `queue_reviewed_tallies` (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT a.`project_id`, new.`reviewer_id`, a.`article_id`, a.`label`, a.`author_id`, 1 FROM `annotations` a
		WHERE a.`id` = new.`annotation_id` AND a.`deleted_at` IS NULL AND a.`author_id` <> new.`reviewer_id`
		AND NOT EXISTS (SELECT 1 FROM `reviews` r WHERE r.`annotation_id` = new.`annotation_id` AND r.`reviewer_id` = new.`reviewer_id` AND r.`superseded_at` IS NULL AND r.`id` <> new.`id`)
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
	INSERT INTO `queue_reviewed_tallies` (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT l.`project_id`, new.`reviewer_id`, fa.`article_id`, 'link', l.`author_id`, 1 FROM `links` l JOIN `annotations` fa ON fa.`id` = l.`from_annotation_id`
		WHERE l.`id` = new.`link_id` AND l.`deleted_at` IS NULL AND l.`author_id` <> new.`reviewer_id`
		AND NOT EXISTS (SELECT 1 FROM `reviews` r WHERE r.`link_id` = new.`link_id` AND r.`reviewer_id` = new.`reviewer_id` AND r.`superseded_at` IS NULL AND r.`id` <> new.`id`)
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
-- Superseded: -1 when no other live review of the reviewer's remains. (A superseded review is never made live again.)
CREATE TRIGGER `queue_reviewed_review_au` AFTER UPDATE OF `superseded_at` ON `reviews` WHEN old.`superseded_at` IS NULL AND new.`superseded_at` IS NOT NULL BEGIN
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE new.`annotation_id` IS NOT NULL AND (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`) IN (
			SELECT a.`project_id`, new.`reviewer_id`, a.`article_id`, a.`label`, a.`author_id` FROM `annotations` a
			WHERE a.`id` = new.`annotation_id` AND a.`deleted_at` IS NULL AND a.`author_id` <> new.`reviewer_id`)
		AND NOT EXISTS (SELECT 1 FROM `reviews` r WHERE r.`annotation_id` = new.`annotation_id` AND r.`reviewer_id` = new.`reviewer_id` AND r.`superseded_at` IS NULL AND r.`id` <> new.`id`);
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE new.`link_id` IS NOT NULL AND (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`) IN (
			SELECT l.`project_id`, new.`reviewer_id`, fa.`article_id`, 'link', l.`author_id` FROM `links` l JOIN `annotations` fa ON fa.`id` = l.`from_annotation_id`
			WHERE l.`id` = new.`link_id` AND l.`deleted_at` IS NULL AND l.`author_id` <> new.`reviewer_id`)
		AND NOT EXISTS (SELECT 1 FROM `reviews` r WHERE r.`link_id` = new.`link_id` AND r.`reviewer_id` = new.`reviewer_id` AND r.`superseded_at` IS NULL AND r.`id` <> new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `queue_reviewed_review_ad` AFTER DELETE ON `reviews` WHEN old.`superseded_at` IS NULL BEGIN
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE old.`annotation_id` IS NOT NULL AND (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`) IN (
			SELECT a.`project_id`, old.`reviewer_id`, a.`article_id`, a.`label`, a.`author_id` FROM `annotations` a
			WHERE a.`id` = old.`annotation_id` AND a.`deleted_at` IS NULL AND a.`author_id` <> old.`reviewer_id`)
		AND NOT EXISTS (SELECT 1 FROM `reviews` r WHERE r.`annotation_id` = old.`annotation_id` AND r.`reviewer_id` = old.`reviewer_id` AND r.`superseded_at` IS NULL AND r.`id` <> old.`id`);
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE old.`link_id` IS NOT NULL AND (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`) IN (
			SELECT l.`project_id`, old.`reviewer_id`, fa.`article_id`, 'link', l.`author_id` FROM `links` l JOIN `annotations` fa ON fa.`id` = l.`from_annotation_id`
			WHERE l.`id` = old.`link_id` AND l.`deleted_at` IS NULL AND l.`author_id` <> old.`reviewer_id`)
		AND NOT EXISTS (SELECT 1 FROM `reviews` r WHERE r.`link_id` = old.`link_id` AND r.`reviewer_id` = old.`reviewer_id` AND r.`superseded_at` IS NULL AND r.`id` <> old.`id`);
END;
--> statement-breakpoint
-- An annotation deleted, restored, relabelled or moved: its live reviewers' counts move with it, and so do the links that start at it.
CREATE TRIGGER `queue_reviewed_annotation_au` AFTER UPDATE OF `project_id`, `article_id`, `label`, `author_id`, `deleted_at` ON `annotations`
WHEN old.`project_id` <> new.`project_id` OR old.`article_id` <> new.`article_id` OR old.`label` IS NOT new.`label` OR old.`author_id` <> new.`author_id` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL) BEGIN
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE old.`deleted_at` IS NULL AND `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = old.`label` AND `author_id` = old.`author_id`
		AND `reviewer_id` IN (SELECT r.`reviewer_id` FROM `reviews` r WHERE r.`annotation_id` = old.`id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> old.`author_id`);
	INSERT INTO `queue_reviewed_tallies` (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, r.`reviewer_id`, new.`article_id`, new.`label`, new.`author_id`, 1 FROM `reviews` r
		WHERE new.`deleted_at` IS NULL AND r.`annotation_id` = new.`id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> new.`author_id` GROUP BY r.`reviewer_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - (SELECT count(DISTINCT l.`id`) FROM `links` l JOIN `reviews` r ON r.`link_id` = l.`id`
			WHERE l.`from_annotation_id` = old.`id` AND l.`deleted_at` IS NULL AND l.`author_id` = `queue_reviewed_tallies`.`author_id`
			AND r.`reviewer_id` = `queue_reviewed_tallies`.`reviewer_id` AND r.`superseded_at` IS NULL)
		WHERE old.`article_id` <> new.`article_id` AND `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = 'link';
	INSERT INTO `queue_reviewed_tallies` (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT l.`project_id`, r.`reviewer_id`, new.`article_id`, 'link', l.`author_id`, count(DISTINCT l.`id`) FROM `links` l JOIN `reviews` r ON r.`link_id` = l.`id`
		WHERE old.`article_id` <> new.`article_id` AND l.`from_annotation_id` = new.`id` AND l.`deleted_at` IS NULL AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> l.`author_id`
		GROUP BY l.`project_id`, r.`reviewer_id`, l.`author_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_reviewed_annotation_ad` AFTER DELETE ON `annotations` WHEN old.`deleted_at` IS NULL BEGIN
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` = old.`label` AND `author_id` = old.`author_id`
		AND `reviewer_id` IN (SELECT r.`reviewer_id` FROM `reviews` r WHERE r.`annotation_id` = old.`id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> old.`author_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `queue_reviewed_link_au` AFTER UPDATE OF `project_id`, `from_annotation_id`, `author_id`, `deleted_at` ON `links`
WHEN old.`project_id` <> new.`project_id` OR old.`from_annotation_id` <> new.`from_annotation_id` OR old.`author_id` <> new.`author_id` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL) BEGIN
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE old.`deleted_at` IS NULL AND `project_id` = old.`project_id` AND `label` = 'link' AND `author_id` = old.`author_id`
		AND `article_id` = (SELECT a.`article_id` FROM `annotations` a WHERE a.`id` = old.`from_annotation_id`)
		AND `reviewer_id` IN (SELECT r.`reviewer_id` FROM `reviews` r WHERE r.`link_id` = old.`id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> old.`author_id`);
	INSERT INTO `queue_reviewed_tallies` (`project_id`, `reviewer_id`, `article_id`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, r.`reviewer_id`, a.`article_id`, 'link', new.`author_id`, 1 FROM `reviews` r JOIN `annotations` a ON a.`id` = new.`from_annotation_id`
		WHERE new.`deleted_at` IS NULL AND r.`link_id` = new.`id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> new.`author_id` GROUP BY r.`reviewer_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_reviewed_link_ad` AFTER DELETE ON `links` WHEN old.`deleted_at` IS NULL BEGIN
	UPDATE `queue_reviewed_tallies` SET `n` = `n` - 1
		WHERE `project_id` = old.`project_id` AND `label` = 'link' AND `author_id` = old.`author_id`
		AND `article_id` = (SELECT a.`article_id` FROM `annotations` a WHERE a.`id` = old.`from_annotation_id`)
		AND `reviewer_id` IN (SELECT r.`reviewer_id` FROM `reviews` r WHERE r.`link_id` = old.`id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> old.`author_id`);
END;
--> statement-breakpoint
-- The per-outlet sums follow the per-article rows.
CREATE TRIGGER `queue_reviewed_outlet_ai` AFTER INSERT ON `queue_reviewed_tallies` BEGIN
	INSERT INTO `queue_reviewed_outlet_tallies` (`project_id`, `reviewer_id`, `outlet`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, new.`reviewer_id`, coalesce(nullif(a.`outlet`, ''), '-'), new.`label`, new.`author_id`, new.`n` FROM `articles` a WHERE a.`id` = new.`article_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_reviewed_outlet_au` AFTER UPDATE ON `queue_reviewed_tallies` WHEN old.`n` <> new.`n` OR old.`article_id` <> new.`article_id` OR old.`label` <> new.`label` OR old.`author_id` <> new.`author_id` OR old.`project_id` <> new.`project_id` OR old.`reviewer_id` <> new.`reviewer_id` BEGIN
	UPDATE `queue_reviewed_outlet_tallies` SET `n` = `n` - old.`n`
		WHERE `project_id` = old.`project_id` AND `reviewer_id` = old.`reviewer_id` AND `label` = old.`label` AND `author_id` = old.`author_id`
		AND `outlet` = (SELECT coalesce(nullif(a.`outlet`, ''), '-') FROM `articles` a WHERE a.`id` = old.`article_id`);
	INSERT INTO `queue_reviewed_outlet_tallies` (`project_id`, `reviewer_id`, `outlet`, `label`, `author_id`, `n`)
		SELECT new.`project_id`, new.`reviewer_id`, coalesce(nullif(a.`outlet`, ''), '-'), new.`label`, new.`author_id`, new.`n` FROM `articles` a WHERE a.`id` = new.`article_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_reviewed_outlet_ad` AFTER DELETE ON `queue_reviewed_tallies` BEGIN
	UPDATE `queue_reviewed_outlet_tallies` SET `n` = `n` - old.`n`
		WHERE `project_id` = old.`project_id` AND `reviewer_id` = old.`reviewer_id` AND `label` = old.`label` AND `author_id` = old.`author_id`
		AND `outlet` = (SELECT coalesce(nullif(a.`outlet`, ''), '-') FROM `articles` a WHERE a.`id` = old.`article_id`);
END;
--> statement-breakpoint
-- Article sizes follow queue_tallies: the row of the label and the row of every label ('*').
CREATE TRIGGER `queue_article_sizes_ai` AFTER INSERT ON `queue_tallies` BEGIN
	INSERT INTO `queue_article_sizes` (`project_id`, `article_id`, `label`, `outlet`, `n`)
		SELECT new.`project_id`, new.`article_id`, s.`label`, coalesce(nullif(a.`outlet`, ''), '-'), new.`n` FROM `articles` a, (SELECT new.`label` AS `label` UNION ALL SELECT '*') s WHERE a.`id` = new.`article_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_article_sizes_au` AFTER UPDATE ON `queue_tallies` WHEN old.`n` <> new.`n` OR old.`article_id` <> new.`article_id` OR old.`label` <> new.`label` OR old.`project_id` <> new.`project_id` BEGIN
	UPDATE `queue_article_sizes` SET `n` = `n` - old.`n` WHERE `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` IN (old.`label`, '*');
	INSERT INTO `queue_article_sizes` (`project_id`, `article_id`, `label`, `outlet`, `n`)
		SELECT new.`project_id`, new.`article_id`, s.`label`, coalesce(nullif(a.`outlet`, ''), '-'), new.`n` FROM `articles` a, (SELECT new.`label` AS `label` UNION ALL SELECT '*') s WHERE a.`id` = new.`article_id`
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `queue_article_sizes_ad` AFTER DELETE ON `queue_tallies` BEGIN
	UPDATE `queue_article_sizes` SET `n` = `n` - old.`n` WHERE `project_id` = old.`project_id` AND `article_id` = old.`article_id` AND `label` IN (old.`label`, '*');
END;
--> statement-breakpoint
-- An article that changes outlet takes its reviewed counts and its size along.
CREATE TRIGGER `queue_reviewed_article_outlet_au` AFTER UPDATE OF `outlet` ON `articles`
WHEN coalesce(nullif(old.`outlet`, ''), '-') <> coalesce(nullif(new.`outlet`, ''), '-') BEGIN
	UPDATE `queue_reviewed_outlet_tallies` SET `n` = `n` - (SELECT coalesce(sum(t.`n`), 0) FROM `queue_reviewed_tallies` t
			WHERE t.`project_id` = old.`project_id` AND t.`reviewer_id` = `queue_reviewed_outlet_tallies`.`reviewer_id` AND t.`article_id` = old.`id`
			AND t.`label` = `queue_reviewed_outlet_tallies`.`label` AND t.`author_id` = `queue_reviewed_outlet_tallies`.`author_id`)
		WHERE `project_id` = old.`project_id` AND `outlet` = coalesce(nullif(old.`outlet`, ''), '-');
	INSERT INTO `queue_reviewed_outlet_tallies` (`project_id`, `reviewer_id`, `outlet`, `label`, `author_id`, `n`)
		SELECT t.`project_id`, t.`reviewer_id`, coalesce(nullif(new.`outlet`, ''), '-'), t.`label`, t.`author_id`, t.`n` FROM `queue_reviewed_tallies` t
		WHERE t.`project_id` = new.`project_id` AND t.`article_id` = new.`id` AND true
		ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
	UPDATE `queue_article_sizes` SET `outlet` = coalesce(nullif(new.`outlet`, ''), '-') WHERE `project_id` = new.`project_id` AND `article_id` = new.`id`;
END;
