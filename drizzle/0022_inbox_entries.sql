-- The inbox by recipient (issue 12): every inbox row that is not a review of my item (those are
-- read by reviews_target_author_idx, migration 0017) is written once per recipient when its
-- source is written, so a page or the unread badge walks (recipient, source, time) newest first
-- and stops after the page, whatever the size of the project. Sources:
--   mine                a comment on an annotation or link I wrote            (source_id: comment)
--   reviewed            a comment on an item I have a live review of          (source_id: comment)
--   reply               a reply to a comment I wrote                          (source_id: comment)
--   verdict             a verdict on a claim I wrote                          (source_id: verdict)
--   changed_annotation  an annotation I reviewed at an older substance version (source_id: annotation)
--   changed_link        the same for a link                                   (source_id: link)
-- created_at is the source row's time; for changed_* the time of the item's latest event at its
-- current substance version (0 when there is none). Who may see a row now (membership, archived
-- articles, tombstones, own rows) is checked when it is read, one probe per row read.
-- inbox_entries_derived is the derivation: the backfill below, and what `cli check` compares.
CREATE TABLE `inbox_entries` (
	`source` text NOT NULL,
	`source_id` integer NOT NULL,
	`recipient_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`source`, `source_id`, `recipient_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `inbox_entries_recipient_idx` ON `inbox_entries` (`recipient_id`,`source`,`created_at`,`source_id`);
--> statement-breakpoint
CREATE VIEW `inbox_entries_derived` AS
	SELECT 'mine' AS `source`, c.`id` AS `source_id`, a.`author_id` AS `recipient_id`, c.`created_at` AS `created_at`
		FROM `comments` c JOIN `annotations` a ON a.`id` = c.`annotation_id` WHERE a.`author_id` <> c.`author_id`
	UNION ALL SELECT 'mine', c.`id`, l.`author_id`, c.`created_at`
		FROM `comments` c JOIN `links` l ON l.`id` = c.`link_id` WHERE l.`author_id` <> c.`author_id`
	UNION SELECT 'reviewed', c.`id`, r.`reviewer_id`, c.`created_at`
		FROM `comments` c JOIN `reviews` r ON r.`annotation_id` = c.`annotation_id` AND r.`superseded_at` IS NULL WHERE r.`reviewer_id` <> c.`author_id`
	UNION SELECT 'reviewed', c.`id`, r.`reviewer_id`, c.`created_at`
		FROM `comments` c JOIN `reviews` r ON r.`link_id` = c.`link_id` AND r.`superseded_at` IS NULL WHERE r.`reviewer_id` <> c.`author_id`
	UNION ALL SELECT 'reply', c.`id`, p.`author_id`, c.`created_at`
		FROM `comments` c JOIN `comments` p ON p.`id` = c.`parent_id` WHERE p.`author_id` <> c.`author_id`
	UNION ALL SELECT 'verdict', v.`id`, a.`author_id`, v.`created_at`
		FROM `verdicts` v JOIN `annotations` a ON a.`id` = v.`annotation_id` WHERE a.`author_id` <> v.`author_id`
	UNION SELECT 'changed_annotation', a.`id`, r.`reviewer_id`, coalesce((SELECT e.`created_at` FROM `events` e WHERE e.`entity_type` = 'annotation' AND e.`entity_id` = a.`id`
			AND json_extract(e.`after`, '$.version') = a.`substance_version` ORDER BY e.`id` DESC LIMIT 1), 0)
		FROM `reviews` r JOIN `annotations` a ON a.`id` = r.`annotation_id` WHERE r.`target_version` < a.`substance_version`
	UNION SELECT 'changed_link', l.`id`, r.`reviewer_id`, coalesce((SELECT e.`created_at` FROM `events` e WHERE e.`entity_type` = 'link' AND e.`entity_id` = l.`id`
			AND json_extract(e.`after`, '$.version') = l.`substance_version` ORDER BY e.`id` DESC LIMIT 1), 0)
		FROM `reviews` r JOIN `links` l ON l.`id` = r.`link_id` WHERE r.`target_version` < l.`substance_version`;
--> statement-breakpoint
INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`) SELECT `source`, `source_id`, `recipient_id`, `created_at` FROM `inbox_entries_derived` WHERE true
	ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A comment: its item's author, the live reviewers of its item, the author of the comment it answers.
CREATE TRIGGER `inbox_comments_ai` AFTER INSERT ON `comments` BEGIN
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'mine', new.`id`, a.`author_id`, new.`created_at` FROM `annotations` a WHERE a.`id` = new.`annotation_id` AND a.`author_id` <> new.`author_id`;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'mine', new.`id`, l.`author_id`, new.`created_at` FROM `links` l WHERE l.`id` = new.`link_id` AND l.`author_id` <> new.`author_id`;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT DISTINCT 'reviewed', new.`id`, r.`reviewer_id`, new.`created_at` FROM `reviews` r
		WHERE r.`annotation_id` = new.`annotation_id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> new.`author_id`;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT DISTINCT 'reviewed', new.`id`, r.`reviewer_id`, new.`created_at` FROM `reviews` r
		WHERE r.`link_id` = new.`link_id` AND r.`superseded_at` IS NULL AND r.`reviewer_id` <> new.`author_id`;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'reply', new.`id`, p.`author_id`, new.`created_at` FROM `comments` p WHERE p.`id` = new.`parent_id` AND p.`author_id` <> new.`author_id`;
END;
--> statement-breakpoint
-- A verdict: the claim's author.
CREATE TRIGGER `inbox_verdicts_ai` AFTER INSERT ON `verdicts` BEGIN
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'verdict', new.`id`, a.`author_id`, new.`created_at` FROM `annotations` a WHERE a.`id` = new.`annotation_id` AND a.`author_id` <> new.`author_id`;
END;
--> statement-breakpoint
-- A live review: the item's existing comments reach the reviewer (the thread of an item I reviewed).
CREATE TRIGGER `inbox_reviews_live_ai` AFTER INSERT ON `reviews` WHEN new.`superseded_at` IS NULL BEGIN
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'reviewed', c.`id`, new.`reviewer_id`, c.`created_at` FROM `comments` c WHERE c.`annotation_id` = new.`annotation_id` AND c.`author_id` <> new.`reviewer_id`
		ON CONFLICT DO NOTHING;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'reviewed', c.`id`, new.`reviewer_id`, c.`created_at` FROM `comments` c WHERE c.`link_id` = new.`link_id` AND c.`author_id` <> new.`reviewer_id`
		ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- Any review of an older version than the item's (an import may write one): the item waits for the reviewer.
CREATE TRIGGER `inbox_reviews_changed_ai` AFTER INSERT ON `reviews` BEGIN
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'changed_annotation', a.`id`, new.`reviewer_id`, coalesce((SELECT e.`created_at` FROM `events` e WHERE e.`entity_type` = 'annotation' AND e.`entity_id` = a.`id`
			AND json_extract(e.`after`, '$.version') = a.`substance_version` ORDER BY e.`id` DESC LIMIT 1), 0)
		FROM `annotations` a WHERE a.`id` = new.`annotation_id` AND new.`target_version` < a.`substance_version`
		ON CONFLICT DO NOTHING;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'changed_link', l.`id`, new.`reviewer_id`, coalesce((SELECT e.`created_at` FROM `events` e WHERE e.`entity_type` = 'link' AND e.`entity_id` = l.`id`
			AND json_extract(e.`after`, '$.version') = l.`substance_version` ORDER BY e.`id` DESC LIMIT 1), 0)
		FROM `links` l WHERE l.`id` = new.`link_id` AND new.`target_version` < l.`substance_version`
		ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- A review set aside (a re-review, a change in substance) or brought back: the reviewer's
-- thread rows of the item follow whether a live review of theirs is left.
CREATE TRIGGER `inbox_reviews_superseded_au` AFTER UPDATE OF `superseded_at` ON `reviews` WHEN (old.`superseded_at` IS NULL) <> (new.`superseded_at` IS NULL) BEGIN
	DELETE FROM `inbox_entries` WHERE `source` = 'reviewed' AND `recipient_id` = new.`reviewer_id`
		AND `source_id` IN (SELECT c.`id` FROM `comments` c WHERE c.`annotation_id` = new.`annotation_id` UNION ALL SELECT c.`id` FROM `comments` c WHERE c.`link_id` = new.`link_id`);
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'reviewed', c.`id`, new.`reviewer_id`, c.`created_at` FROM `comments` c WHERE c.`annotation_id` = new.`annotation_id` AND c.`author_id` <> new.`reviewer_id`
			AND EXISTS (SELECT 1 FROM `reviews` r WHERE r.`annotation_id` = new.`annotation_id` AND r.`reviewer_id` = new.`reviewer_id` AND r.`superseded_at` IS NULL)
		ON CONFLICT DO NOTHING;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'reviewed', c.`id`, new.`reviewer_id`, c.`created_at` FROM `comments` c WHERE c.`link_id` = new.`link_id` AND c.`author_id` <> new.`reviewer_id`
			AND EXISTS (SELECT 1 FROM `reviews` r WHERE r.`link_id` = new.`link_id` AND r.`reviewer_id` = new.`reviewer_id` AND r.`superseded_at` IS NULL)
		ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- An item changed in substance: every reviewer of an older version waits for it, at the time of its latest event of the new version.
CREATE TRIGGER `inbox_annotations_substance_au` AFTER UPDATE OF `substance_version` ON `annotations` WHEN old.`substance_version` <> new.`substance_version` BEGIN
	DELETE FROM `inbox_entries` WHERE `source` = 'changed_annotation' AND `source_id` = new.`id`;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT DISTINCT 'changed_annotation', new.`id`, r.`reviewer_id`, coalesce((SELECT e.`created_at` FROM `events` e WHERE e.`entity_type` = 'annotation' AND e.`entity_id` = new.`id`
			AND json_extract(e.`after`, '$.version') = new.`substance_version` ORDER BY e.`id` DESC LIMIT 1), 0)
		FROM `reviews` r WHERE r.`annotation_id` = new.`id` AND r.`target_version` < new.`substance_version`;
END;
--> statement-breakpoint
CREATE TRIGGER `inbox_links_substance_au` AFTER UPDATE OF `substance_version` ON `links` WHEN old.`substance_version` <> new.`substance_version` BEGIN
	DELETE FROM `inbox_entries` WHERE `source` = 'changed_link' AND `source_id` = new.`id`;
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT DISTINCT 'changed_link', new.`id`, r.`reviewer_id`, coalesce((SELECT e.`created_at` FROM `events` e WHERE e.`entity_type` = 'link' AND e.`entity_id` = new.`id`
			AND json_extract(e.`after`, '$.version') = new.`substance_version` ORDER BY e.`id` DESC LIMIT 1), 0)
		FROM `reviews` r WHERE r.`link_id` = new.`id` AND r.`target_version` < new.`substance_version`;
END;
--> statement-breakpoint
-- The event of an item's current substance version moves its "changed" rows to that event's time.
CREATE TRIGGER `inbox_annotation_events_ai` AFTER INSERT ON `events` WHEN new.`entity_type` = 'annotation' BEGIN
	UPDATE `inbox_entries` SET `created_at` = new.`created_at` WHERE `source` = 'changed_annotation' AND `source_id` = new.`entity_id`
		AND json_extract(new.`after`, '$.version') = (SELECT a.`substance_version` FROM `annotations` a WHERE a.`id` = new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `inbox_link_events_ai` AFTER INSERT ON `events` WHEN new.`entity_type` = 'link' BEGIN
	UPDATE `inbox_entries` SET `created_at` = new.`created_at` WHERE `source` = 'changed_link' AND `source_id` = new.`entity_id`
		AND json_extract(new.`after`, '$.version') = (SELECT l.`substance_version` FROM `links` l WHERE l.`id` = new.`entity_id`);
END;
--> statement-breakpoint
-- An item that changes author takes the comments on it (and a claim its verdicts) to the new author.
CREATE TRIGGER `inbox_annotations_author_au` AFTER UPDATE OF `author_id` ON `annotations` WHEN old.`author_id` <> new.`author_id` BEGIN
	DELETE FROM `inbox_entries` WHERE `source` = 'mine' AND `source_id` IN (SELECT c.`id` FROM `comments` c WHERE c.`annotation_id` = new.`id`);
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'mine', c.`id`, new.`author_id`, c.`created_at` FROM `comments` c WHERE c.`annotation_id` = new.`id` AND c.`author_id` <> new.`author_id`;
	DELETE FROM `inbox_entries` WHERE `source` = 'verdict' AND `source_id` IN (SELECT v.`id` FROM `verdicts` v WHERE v.`annotation_id` = new.`id`);
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'verdict', v.`id`, new.`author_id`, v.`created_at` FROM `verdicts` v WHERE v.`annotation_id` = new.`id` AND v.`author_id` <> new.`author_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `inbox_links_author_au` AFTER UPDATE OF `author_id` ON `links` WHEN old.`author_id` <> new.`author_id` BEGIN
	DELETE FROM `inbox_entries` WHERE `source` = 'mine' AND `source_id` IN (SELECT c.`id` FROM `comments` c WHERE c.`link_id` = new.`id`);
	INSERT INTO `inbox_entries` (`source`, `source_id`, `recipient_id`, `created_at`)
		SELECT 'mine', c.`id`, new.`author_id`, c.`created_at` FROM `comments` c WHERE c.`link_id` = new.`id` AND c.`author_id` <> new.`author_id`;
END;
