CREATE INDEX `annotations_project_article_idx` ON `annotations` (`project_id`,`article_id`,`start`);--> statement-breakpoint
CREATE INDEX `comments_author_idx` ON `comments` (`author_id`);--> statement-breakpoint
CREATE INDEX `comments_parent_idx` ON `comments` (`parent_id`);
