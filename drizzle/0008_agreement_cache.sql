CREATE TABLE `agreement_articles` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`authors` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_articles_project_idx` ON `agreement_articles` (`project_id`);--> statement-breakpoint
CREATE TABLE `agreement_pairs` (
	`project_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`a` integer NOT NULL,
	`b` integer NOT NULL,
	`spans_a` integer NOT NULL,
	`spans_b` integer NOT NULL,
	`exact_matches` integer NOT NULL,
	`overlap_matches` integer NOT NULL,
	`disagreements` integer NOT NULL,
	`agree0` integer NOT NULL,
	`agree1` integer NOT NULL,
	`agree2` integer NOT NULL,
	`agree3` integer NOT NULL,
	`a0` integer NOT NULL,
	`a1` integer NOT NULL,
	`a2` integer NOT NULL,
	`a3` integer NOT NULL,
	`b0` integer NOT NULL,
	`b1` integer NOT NULL,
	`b2` integer NOT NULL,
	`b3` integer NOT NULL,
	PRIMARY KEY(`article_id`, `a`, `b`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agreement_pairs_project_idx` ON `agreement_pairs` (`project_id`,`article_id`,`a`,`b`);--> statement-breakpoint
CREATE INDEX `agreement_pairs_pair_idx` ON `agreement_pairs` (`project_id`,`a`,`b`,`article_id`);--> statement-breakpoint
CREATE TRIGGER `annotations_agreement_ai` AFTER INSERT ON `annotations` BEGIN
	DELETE FROM `agreement_pairs` WHERE `article_id` = new.`article_id`;
	DELETE FROM `agreement_articles` WHERE `article_id` = new.`article_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_agreement_au` AFTER UPDATE OF `start`, `end`, `label`, `author_id`, `article_id`, `deleted_at` ON `annotations` BEGIN
	DELETE FROM `agreement_pairs` WHERE `article_id` IN (old.`article_id`, new.`article_id`);
	DELETE FROM `agreement_articles` WHERE `article_id` IN (old.`article_id`, new.`article_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_agreement_ad` AFTER DELETE ON `annotations` BEGIN
	DELETE FROM `agreement_pairs` WHERE `article_id` = old.`article_id`;
	DELETE FROM `agreement_articles` WHERE `article_id` = old.`article_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_agreement_au` AFTER UPDATE OF `body`, `project_id` ON `articles` BEGIN
	DELETE FROM `agreement_pairs` WHERE `article_id` = new.`id`;
	DELETE FROM `agreement_articles` WHERE `article_id` = new.`id`;
END;
