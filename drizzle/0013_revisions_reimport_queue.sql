-- A re-import finds the article at the same address (lib/data/revisionApply.ts articleAtUrls).
CREATE INDEX `articles_project_url_idx` ON `articles` (`project_id`,lower("url"));--> statement-breakpoint
-- The re-anchoring queue (project-wide and per article) and its count read only the spans waiting.
CREATE INDEX `annotations_reanchor_pending_idx` ON `annotations` (`project_id`,`article_id`,`start`,`id`) WHERE anchor_pending = 1 and deleted_at is null;
