-- Project totals of the agreement cache (lib/data/agreement.ts, issue 12): per pair the sums of
-- its agreement_pairs rows, per author the number of agreement_articles rows naming them. The
-- triggers below keep them in the same transaction as every insert and delete of those rows
-- (a cascade from a deleted article too; the cache never updates a row in place), so a read
-- pools nothing. For that the cache holds no archived article: archiving one drops its rows
-- (the sums lose it), restoring it leaves it to be computed again on the next read.
CREATE TABLE `agreement_authors` (
	`project_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`articles` integer NOT NULL,
	PRIMARY KEY(`project_id`, `author_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreement_pair_totals` (
	`project_id` integer NOT NULL,
	`a` integer NOT NULL,
	`b` integer NOT NULL,
	`articles` integer NOT NULL,
	`spans_a` integer NOT NULL,
	`spans_b` integer NOT NULL,
	`exact_matches` integer NOT NULL,
	`overlap_matches` integer NOT NULL,
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
	PRIMARY KEY(`project_id`, `a`, `b`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DELETE FROM `agreement_pairs` WHERE `article_id` IN (SELECT `id` FROM `articles` WHERE `archived_at` IS NOT NULL);
--> statement-breakpoint
DELETE FROM `agreement_articles` WHERE `article_id` IN (SELECT `id` FROM `articles` WHERE `archived_at` IS NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `articles_agreement_archive_au` AFTER UPDATE OF `archived_at` ON `articles`
	WHEN old.`archived_at` IS NOT new.`archived_at` BEGIN
	DELETE FROM `agreement_pairs` WHERE `article_id` = new.`id`;
	DELETE FROM `agreement_articles` WHERE `article_id` = new.`id`;
END;
--> statement-breakpoint
INSERT INTO `agreement_pair_totals` SELECT `project_id`, `a`, `b`, count(*), sum(`spans_a`), sum(`spans_b`), sum(`exact_matches`), sum(`overlap_matches`),
	sum(`agree0`), sum(`agree1`), sum(`agree2`), sum(`agree3`), sum(`a0`), sum(`a1`), sum(`a2`), sum(`a3`), sum(`b0`), sum(`b1`), sum(`b2`), sum(`b3`)
	FROM `agreement_pairs` GROUP BY `project_id`, `a`, `b`;
--> statement-breakpoint
INSERT INTO `agreement_authors` SELECT g.`project_id`, j.`value`, count(*) FROM `agreement_articles` g, json_each(g.`authors`) j GROUP BY g.`project_id`, j.`value`;
--> statement-breakpoint
CREATE TRIGGER `agreement_pairs_totals_ai` AFTER INSERT ON `agreement_pairs` BEGIN
	INSERT INTO `agreement_pair_totals` VALUES (new.`project_id`, new.`a`, new.`b`, 1, new.`spans_a`, new.`spans_b`, new.`exact_matches`, new.`overlap_matches`,
		new.`agree0`, new.`agree1`, new.`agree2`, new.`agree3`, new.`a0`, new.`a1`, new.`a2`, new.`a3`, new.`b0`, new.`b1`, new.`b2`, new.`b3`)
	ON CONFLICT (`project_id`, `a`, `b`) DO UPDATE SET `articles` = `articles` + 1,
		`spans_a` = `spans_a` + excluded.`spans_a`, `spans_b` = `spans_b` + excluded.`spans_b`,
		`exact_matches` = `exact_matches` + excluded.`exact_matches`, `overlap_matches` = `overlap_matches` + excluded.`overlap_matches`,
		`agree0` = `agree0` + excluded.`agree0`, `agree1` = `agree1` + excluded.`agree1`, `agree2` = `agree2` + excluded.`agree2`, `agree3` = `agree3` + excluded.`agree3`,
		`a0` = `a0` + excluded.`a0`, `a1` = `a1` + excluded.`a1`, `a2` = `a2` + excluded.`a2`, `a3` = `a3` + excluded.`a3`,
		`b0` = `b0` + excluded.`b0`, `b1` = `b1` + excluded.`b1`, `b2` = `b2` + excluded.`b2`, `b3` = `b3` + excluded.`b3`;
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_pairs_totals_ad` AFTER DELETE ON `agreement_pairs` BEGIN
	UPDATE `agreement_pair_totals` SET `articles` = `articles` - 1,
		`spans_a` = `spans_a` - old.`spans_a`, `spans_b` = `spans_b` - old.`spans_b`,
		`exact_matches` = `exact_matches` - old.`exact_matches`, `overlap_matches` = `overlap_matches` - old.`overlap_matches`,
		`agree0` = `agree0` - old.`agree0`, `agree1` = `agree1` - old.`agree1`, `agree2` = `agree2` - old.`agree2`, `agree3` = `agree3` - old.`agree3`,
		`a0` = `a0` - old.`a0`, `a1` = `a1` - old.`a1`, `a2` = `a2` - old.`a2`, `a3` = `a3` - old.`a3`,
		`b0` = `b0` - old.`b0`, `b1` = `b1` - old.`b1`, `b2` = `b2` - old.`b2`, `b3` = `b3` - old.`b3`
	WHERE `project_id` = old.`project_id` AND `a` = old.`a` AND `b` = old.`b`;
	DELETE FROM `agreement_pair_totals` WHERE `project_id` = old.`project_id` AND `a` = old.`a` AND `b` = old.`b` AND `articles` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_articles_authors_ai` AFTER INSERT ON `agreement_articles` BEGIN
	INSERT INTO `agreement_authors` SELECT new.`project_id`, `value`, 1 FROM json_each(new.`authors`) WHERE true
	ON CONFLICT (`project_id`, `author_id`) DO UPDATE SET `articles` = `articles` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `agreement_articles_authors_ad` AFTER DELETE ON `agreement_articles` BEGIN
	UPDATE `agreement_authors` SET `articles` = `articles` - 1 WHERE `project_id` = old.`project_id` AND `author_id` IN (SELECT `value` FROM json_each(old.`authors`));
	DELETE FROM `agreement_authors` WHERE `project_id` = old.`project_id` AND `author_id` IN (SELECT `value` FROM json_each(old.`authors`)) AND `articles` = 0;
END;
