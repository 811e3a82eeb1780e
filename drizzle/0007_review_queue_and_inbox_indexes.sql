CREATE INDEX `annotations_project_article_idx` ON `annotations` (`project_id`,`article_id`,`start`);--> statement-breakpoint
CREATE INDEX `annotations_author_idx` ON `annotations` (`author_id`);--> statement-breakpoint
CREATE INDEX `comments_author_idx` ON `comments` (`author_id`);--> statement-breakpoint
CREATE INDEX `comments_parent_idx` ON `comments` (`parent_id`);--> statement-breakpoint
CREATE INDEX `links_author_idx` ON `links` (`author_id`);--> statement-breakpoint
CREATE INDEX `reviews_reviewer_idx` ON `reviews` (`reviewer_id`);