-- A re-import finds the article at the same address (lib/data/revisionApply.ts articleAtUrls).
CREATE INDEX `articles_project_url_idx` ON `articles` (`project_id`,lower("url"));
