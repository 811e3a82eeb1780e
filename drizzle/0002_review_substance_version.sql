ALTER TABLE `annotations` ADD `substance_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `links` ADD `substance_version` integer DEFAULT 1 NOT NULL;