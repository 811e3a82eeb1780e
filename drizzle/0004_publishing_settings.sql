CREATE TABLE `publishing_settings` (
	`project_id` integer PRIMARY KEY NOT NULL,
	`organization_name` text NOT NULL,
	`organization_url` text NOT NULL,
	`logo_url` text,
	`fact_check_url_pattern` text NOT NULL,
	`claim_urls` text DEFAULT '{}' NOT NULL,
	`updated_by` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
