CREATE TABLE `board_clusters` (
	`cluster_id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`head_status` text NOT NULL,
	`head_verdict` text,
	`size` integer NOT NULL,
	`outlets` integer NOT NULL,
	`corroborates` integer NOT NULL,
	`conflicts` integer NOT NULL,
	`disagreements` integer NOT NULL,
	`contested` integer NOT NULL,
	`unreviewed` integer NOT NULL,
	`newest` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `board_clusters_contested_idx` ON `board_clusters` (`project_id`,`contested`,`corroborates`,`cluster_id`);--> statement-breakpoint
CREATE INDEX `board_clusters_corroborated_idx` ON `board_clusters` (`project_id`,`corroborates`,`contested`,`cluster_id`);--> statement-breakpoint
CREATE INDEX `board_clusters_newest_idx` ON `board_clusters` (`project_id`,`newest`,`cluster_id`);--> statement-breakpoint
CREATE INDEX `board_clusters_unreviewed_idx` ON `board_clusters` (`project_id`,`unreviewed`,`newest`,`cluster_id`);--> statement-breakpoint
CREATE TABLE `board_dirty` (
	`project_id` integer NOT NULL,
	`annotation_id` integer NOT NULL,
	PRIMARY KEY(`project_id`, `annotation_id`)
);
--> statement-breakpoint
CREATE TABLE `board_links` (
	`link_id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`relation` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `board_links_pair_idx` ON `board_links` (`project_id`,`a`,`b`,`relation`);--> statement-breakpoint
CREATE TABLE `board_members` (
	`annotation_id` integer PRIMARY KEY NOT NULL,
	`project_id` integer NOT NULL,
	`cluster_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`outlet` text NOT NULL,
	`label` text NOT NULL,
	`relation` text,
	`link_id` integer,
	`link_status` text
);
--> statement-breakpoint
CREATE INDEX `board_members_cluster_idx` ON `board_members` (`cluster_id`,`outlet`);--> statement-breakpoint
CREATE INDEX `board_members_outlet_idx` ON `board_members` (`project_id`,`outlet`,`cluster_id`);--> statement-breakpoint
CREATE INDEX `board_members_label_idx` ON `board_members` (`project_id`,`label`,`cluster_id`);--> statement-breakpoint
CREATE INDEX `board_members_article_idx` ON `board_members` (`article_id`);--> statement-breakpoint
CREATE TABLE `board_outlets` (
	`project_id` integer NOT NULL,
	`outlet` text NOT NULL,
	`statements` integer NOT NULL,
	`clusters` integer NOT NULL,
	PRIMARY KEY(`project_id`, `outlet`)
);
--> statement-breakpoint
CREATE TABLE `board_state` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`generation` integer DEFAULT 1 NOT NULL,
	`built_generation` integer DEFAULT 0 NOT NULL,
	`clusters` integer DEFAULT 0 NOT NULL,
	`linked_clusters` integer DEFAULT 0 NOT NULL,
	`contested` integer DEFAULT 0 NOT NULL,
	`links` integer DEFAULT 0 NOT NULL,
	`disagreements` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `annotations_project_label_idx` ON `annotations` (`project_id`,`label`);--> statement-breakpoint
CREATE INDEX `reviews_project_reviewer_idx` ON `reviews` (`project_id`,`reviewer_id`);
--> statement-breakpoint
-- The board (lib/data/boardClusters.ts): every write that can change a cluster records the
-- statements it touched in board_dirty, in the writer's own transaction; the next board read
-- recomputes their clusters (a renamed outlet: the statements of that article). Deleting an
-- article bumps board_state.generation: a full rebuild.
CREATE TRIGGER `links_board_ai` AFTER INSERT ON `links` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, new.`from_annotation_id`), (new.`project_id`, new.`to_annotation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `links_board_au` AFTER UPDATE OF `status`, `relation`, `deleted_at`, `from_annotation_id`, `to_annotation_id` ON `links` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, old.`from_annotation_id`), (new.`project_id`, old.`to_annotation_id`), (new.`project_id`, new.`from_annotation_id`), (new.`project_id`, new.`to_annotation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `links_board_ad` AFTER DELETE ON `links` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (old.`project_id`, old.`from_annotation_id`), (old.`project_id`, old.`to_annotation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_board_ai` AFTER INSERT ON `annotations` WHEN new.`label` = 'claim' BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_board_au` AFTER UPDATE OF `label`, `status`, `deleted_at`, `article_id` ON `annotations` WHEN new.`label` = 'claim' OR old.`label` = 'claim' OR new.`deleted_at` IS NOT old.`deleted_at` OR new.`article_id` IS NOT old.`article_id` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `annotations_board_ad` AFTER DELETE ON `annotations` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (old.`project_id`, old.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `verdicts_board_ai` AFTER INSERT ON `verdicts` WHEN new.`is_final` = 1 BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, new.`annotation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `verdicts_board_au` AFTER UPDATE OF `is_final`, `deleted_at`, `verdict`, `annotation_id` ON `verdicts` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (new.`project_id`, old.`annotation_id`), (new.`project_id`, new.`annotation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `verdicts_board_ad` AFTER DELETE ON `verdicts` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) VALUES (old.`project_id`, old.`annotation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_board_au` AFTER UPDATE OF `outlet`, `title`, `url` ON `articles` BEGIN
	INSERT OR IGNORE INTO `board_dirty` (`project_id`, `annotation_id`) SELECT `project_id`, `annotation_id` FROM `board_members` WHERE `article_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `articles_board_ad` AFTER DELETE ON `articles` BEGIN
	INSERT INTO `board_state` (`project_id`, `generation`) VALUES (old.`project_id`, 2) ON CONFLICT(`project_id`) DO UPDATE SET `generation` = `generation` + 1;
END;
