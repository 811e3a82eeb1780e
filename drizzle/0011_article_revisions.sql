CREATE TABLE `annotation_anchors` (
	`annotation_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`start` integer,
	`end` integer,
	`exact` text NOT NULL,
	`state` text NOT NULL,
	`score` real NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`annotation_id`, `revision`),
	FOREIGN KEY (`annotation_id`) REFERENCES `annotations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`number` integer NOT NULL,
	`body` text NOT NULL,
	`sha256` text NOT NULL,
	`source` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`published_at` text,
	`modified_at` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_revisions_number_idx` ON `article_revisions` (`article_id`,`number`);--> statement-breakpoint
ALTER TABLE `annotations` ADD `revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `annotations` ADD `anchor_state` text DEFAULT 'kept' NOT NULL;--> statement-breakpoint
ALTER TABLE `annotations` ADD `anchor_score` real DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `annotations` ADD `anchor_pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `annotations` ADD `anchor_flag` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `current_revision` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Revision 1 of every article already stored is its imported text (lib/data/revisions.ts).
INSERT INTO `article_revisions` (`article_id`, `project_id`, `number`, `body`, `sha256`, `source`, `title`, `published_at`, `created_at`, `created_by`)
	SELECT `id`, `project_id`, 1, `body`, `sha256`, 'import', `title`, `published_at`, `imported_at`, `imported_by` FROM `articles`;
--> statement-breakpoint
-- Every import path (one article, a batch, native JSONL) gets its revision 1 in its own transaction.
CREATE TRIGGER `articles_revision_ai` AFTER INSERT ON `articles` BEGIN
	INSERT INTO `article_revisions` (`article_id`, `project_id`, `number`, `body`, `sha256`, `source`, `title`, `published_at`, `created_by`)
	VALUES (new.`id`, new.`project_id`, new.`current_revision`, new.`body`, new.`sha256`, 'import', new.`title`, new.`published_at`, new.`imported_by`);
END;
--> statement-breakpoint
-- A new annotation, or a span moved by its author, refers to the article's current text.
CREATE TRIGGER `annotations_revision_ai` AFTER INSERT ON `annotations` BEGIN
	UPDATE `annotations` SET `revision` = (SELECT `current_revision` FROM `articles` WHERE `id` = new.`article_id`) WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_revision_au` AFTER UPDATE OF `start`, `end` ON `annotations`
	WHEN new.`start` <> old.`start` OR new.`end` <> old.`end` BEGIN
	UPDATE `annotations` SET `revision` = (SELECT `current_revision` FROM `articles` WHERE `id` = new.`article_id`) WHERE `id` = new.`id`;
END;
