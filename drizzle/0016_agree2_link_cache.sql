-- Link F1 cache (lib/data/agreement.ts, issue 12): per project and author, the author's live
-- links as a multiset of keys (unordered ends' article:start:end, relation), and per pair of
-- authors their one-to-one matches. A row of agreement_link_authors says "this author's keys
-- are current"; the triggers below delete it in the same transaction as any write that can
-- change one of the author's keys, and a read recomputes that author's keys and pairs.
CREATE TABLE `agreement_link_authors` (
	`project_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`links` integer NOT NULL,
	PRIMARY KEY(`project_id`, `author_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreement_link_keys` (
	`project_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`project_id`, `author_id`, `key`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreement_link_pairs` (
	`project_id` integer NOT NULL,
	`a` integer NOT NULL,
	`b` integer NOT NULL,
	`matches` integer NOT NULL,
	PRIMARY KEY(`project_id`, `a`, `b`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_link_pairs_b_idx` ON `agreement_link_pairs` (`project_id`,`b`);--> statement-breakpoint
CREATE TRIGGER `links_agreement_ai` AFTER INSERT ON `links` BEGIN
	DELETE FROM `agreement_link_authors` WHERE `project_id` = new.`project_id` AND `author_id` = new.`author_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `links_agreement_au` AFTER UPDATE OF `deleted_at`, `relation`, `from_annotation_id`, `to_annotation_id`, `author_id`, `project_id` ON `links` BEGIN
	DELETE FROM `agreement_link_authors` WHERE `project_id` = old.`project_id` AND `author_id` = old.`author_id`;
	DELETE FROM `agreement_link_authors` WHERE `project_id` = new.`project_id` AND `author_id` = new.`author_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `links_agreement_ad` AFTER DELETE ON `links` BEGIN
	DELETE FROM `agreement_link_authors` WHERE `project_id` = old.`project_id` AND `author_id` = old.`author_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_agreement_links_au` AFTER UPDATE OF `start`, `end`, `article_id`, `deleted_at` ON `annotations` BEGIN
	DELETE FROM `agreement_link_authors` WHERE (`project_id`, `author_id`) IN (
		SELECT `project_id`, `author_id` FROM `links` WHERE `from_annotation_id` = new.`id`
		UNION SELECT `project_id`, `author_id` FROM `links` WHERE `to_annotation_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_agreement_links_au` AFTER UPDATE OF `archived_at`, `project_id` ON `articles` BEGIN
	DELETE FROM `agreement_link_authors` WHERE (`project_id`, `author_id`) IN (
		SELECT l.`project_id`, l.`author_id` FROM `annotations` e JOIN `links` l ON l.`from_annotation_id` = e.`id` WHERE e.`article_id` = new.`id`
		UNION SELECT l.`project_id`, l.`author_id` FROM `annotations` e JOIN `links` l ON l.`to_annotation_id` = e.`id` WHERE e.`article_id` = new.`id`);
END;
