CREATE TABLE `article_sources` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`file_name` text,
	`requested_url` text,
	`final_url` text,
	`content_type` text,
	`raw_html` text NOT NULL,
	`raw_sha256` text NOT NULL,
	`metadata` text DEFAULT '{}' NOT NULL,
	`metadata_sources` text DEFAULT '{}' NOT NULL,
	`removed` text DEFAULT '{}' NOT NULL,
	`fetched_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE no action
);
