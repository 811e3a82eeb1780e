-- Indexes for every filter and sort of the paginated lists (issue 12), the per-article
-- counters of the articles list and the full-text index of article title, outlet and body.
CREATE TABLE `article_stats` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`body_length` integer DEFAULT 0 NOT NULL,
	`annotation_count` integer DEFAULT 0 NOT NULL,
	`unreviewed_count` integer DEFAULT 0 NOT NULL,
	`claim_count` integer DEFAULT 0 NOT NULL,
	`quote_count` integer DEFAULT 0 NOT NULL,
	`context_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `article_stats_annotations_idx` ON `article_stats` (`project_id`,`annotation_count`,`article_id`);--> statement-breakpoint
CREATE INDEX `article_stats_unreviewed_idx` ON `article_stats` (`project_id`,`unreviewed_count`,`article_id`);--> statement-breakpoint
CREATE INDEX `annotations_project_status_idx` ON `annotations` (`project_id`,`status`);--> statement-breakpoint
CREATE INDEX `annotations_article_status_idx` ON `annotations` (`article_id`,`status`);--> statement-breakpoint
CREATE INDEX `annotations_author_idx` ON `annotations` (`author_id`,`project_id`);--> statement-breakpoint
CREATE INDEX `articles_project_date_idx` ON `articles` (`project_id`,coalesce(`published_at`, ''),`id`);--> statement-breakpoint
CREATE INDEX `articles_project_outlet_idx` ON `articles` (`project_id`,coalesce(`outlet`, ''),`id`);--> statement-breakpoint
CREATE INDEX `comments_project_idx` ON `comments` (`project_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `events_actor_idx` ON `events` (`actor_id`);--> statement-breakpoint
CREATE INDEX `links_project_status_idx` ON `links` (`project_id`,`status`);--> statement-breakpoint
CREATE INDEX `links_author_idx` ON `links` (`author_id`);--> statement-breakpoint
CREATE INDEX `reviews_annotation_reviewer_idx` ON `reviews` (`annotation_id`,`reviewer_id`,`superseded_at`);--> statement-breakpoint
CREATE INDEX `reviews_link_reviewer_idx` ON `reviews` (`link_id`,`reviewer_id`,`superseded_at`);--> statement-breakpoint
CREATE INDEX `reviews_reviewer_idx` ON `reviews` (`reviewer_id`,`project_id`);--> statement-breakpoint
CREATE INDEX `verdicts_project_idx` ON `verdicts` (`project_id`);--> statement-breakpoint
-- article_stats: one row per article, kept by triggers in the transaction of every write.
CREATE TRIGGER `article_stats_article_ai` AFTER INSERT ON `articles` BEGIN
	INSERT INTO `article_stats` (`article_id`, `project_id`, `body_length`) VALUES (new.`id`, new.`project_id`, length(new.`body`));
END;
--> statement-breakpoint
CREATE TRIGGER `article_stats_article_au` AFTER UPDATE OF `project_id`, `body` ON `articles` BEGIN
	UPDATE `article_stats` SET `project_id` = new.`project_id`, `body_length` = length(new.`body`) WHERE `article_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_stats_article_ad` AFTER DELETE ON `articles` BEGIN
	DELETE FROM `article_stats` WHERE `article_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_stats_annotation_ai` AFTER INSERT ON `annotations` WHEN new.`deleted_at` IS NULL BEGIN
	UPDATE `article_stats` SET
		`annotation_count` = `annotation_count` + 1,
		`unreviewed_count` = `unreviewed_count` + (new.`status` = 'proposed'),
		`claim_count` = `claim_count` + (new.`label` = 'claim'),
		`quote_count` = `quote_count` + (new.`label` = 'quote'),
		`context_count` = `context_count` + (new.`label` = 'context')
	WHERE `article_id` = new.`article_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `article_stats_annotation_au` AFTER UPDATE OF `status`, `label`, `deleted_at`, `article_id` ON `annotations`
WHEN old.`status` IS NOT new.`status` OR old.`label` IS NOT new.`label` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL) OR old.`article_id` <> new.`article_id` BEGIN
	UPDATE `article_stats` SET
		`annotation_count` = `annotation_count` - 1,
		`unreviewed_count` = `unreviewed_count` - (old.`status` = 'proposed'),
		`claim_count` = `claim_count` - (old.`label` = 'claim'),
		`quote_count` = `quote_count` - (old.`label` = 'quote'),
		`context_count` = `context_count` - (old.`label` = 'context')
	WHERE `article_id` = old.`article_id` AND old.`deleted_at` IS NULL;
	UPDATE `article_stats` SET
		`annotation_count` = `annotation_count` + 1,
		`unreviewed_count` = `unreviewed_count` + (new.`status` = 'proposed'),
		`claim_count` = `claim_count` + (new.`label` = 'claim'),
		`quote_count` = `quote_count` + (new.`label` = 'quote'),
		`context_count` = `context_count` + (new.`label` = 'context')
	WHERE `article_id` = new.`article_id` AND new.`deleted_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `article_stats_annotation_ad` AFTER DELETE ON `annotations` WHEN old.`deleted_at` IS NULL BEGIN
	UPDATE `article_stats` SET
		`annotation_count` = `annotation_count` - 1,
		`unreviewed_count` = `unreviewed_count` - (old.`status` = 'proposed'),
		`claim_count` = `claim_count` - (old.`label` = 'claim'),
		`quote_count` = `quote_count` - (old.`label` = 'quote'),
		`context_count` = `context_count` - (old.`label` = 'context')
	WHERE `article_id` = old.`article_id`;
END;
--> statement-breakpoint
INSERT INTO `article_stats` (`article_id`, `project_id`, `body_length`, `annotation_count`, `unreviewed_count`, `claim_count`, `quote_count`, `context_count`)
SELECT a.`id`, a.`project_id`, length(a.`body`),
	count(n.`id`),
	coalesce(sum(n.`status` = 'proposed'), 0),
	coalesce(sum(n.`label` = 'claim'), 0),
	coalesce(sum(n.`label` = 'quote'), 0),
	coalesce(sum(n.`label` = 'context'), 0)
FROM `articles` a LEFT JOIN `annotations` n ON n.`article_id` = a.`id` AND n.`deleted_at` IS NULL
GROUP BY a.`id`;
--> statement-breakpoint
-- Search of the articles list over title, outlet and body; external content (the text lives
-- once, in articles), kept in sync by triggers. rowid is the article id.
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	`title`,
	`outlet`,
	`body`,
	content = 'articles',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `articles_fts_ai` AFTER INSERT ON `articles` BEGIN
	INSERT INTO `articles_fts` (rowid, `title`, `outlet`, `body`) VALUES (new.`id`, new.`title`, new.`outlet`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_au` AFTER UPDATE OF `title`, `outlet`, `body` ON `articles` BEGIN
	INSERT INTO `articles_fts` (`articles_fts`, rowid, `title`, `outlet`, `body`) VALUES ('delete', old.`id`, old.`title`, old.`outlet`, old.`body`);
	INSERT INTO `articles_fts` (rowid, `title`, `outlet`, `body`) VALUES (new.`id`, new.`title`, new.`outlet`, new.`body`);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_fts_ad` AFTER DELETE ON `articles` BEGIN
	INSERT INTO `articles_fts` (`articles_fts`, rowid, `title`, `outlet`, `body`) VALUES ('delete', old.`id`, old.`title`, old.`outlet`, old.`body`);
END;
--> statement-breakpoint
INSERT INTO `articles_fts` (`articles_fts`) VALUES ('rebuild');
