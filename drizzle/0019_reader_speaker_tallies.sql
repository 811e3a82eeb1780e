-- speaker_tallies: live annotations per (project, speaker), kept by triggers in the
-- transaction of every annotation write. The reader's speaker suggestions read the project's
-- few hundred speakers from here instead of a json_extract over every annotation of the
-- project (100,000 rows at a desk's size, the reader's largest cost that grew with the corpus).
CREATE TABLE `speaker_tallies` (
	`project_id` integer NOT NULL,
	`speaker` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `speaker`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `speaker_tallies_ai` AFTER INSERT ON `annotations`
WHEN new.`deleted_at` IS NULL AND coalesce(json_extract(new.`attributes`, '$.speaker'), '') <> '' BEGIN
	INSERT INTO `speaker_tallies` (`project_id`, `speaker`, `n`) VALUES (new.`project_id`, json_extract(new.`attributes`, '$.speaker'), 1)
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `speaker_tallies_au` AFTER UPDATE OF `project_id`, `attributes`, `deleted_at` ON `annotations`
WHEN old.`project_id` <> new.`project_id` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL)
	OR json_extract(old.`attributes`, '$.speaker') IS NOT json_extract(new.`attributes`, '$.speaker') BEGIN
	UPDATE `speaker_tallies` SET `n` = `n` - 1
		WHERE old.`deleted_at` IS NULL AND `project_id` = old.`project_id` AND `speaker` = json_extract(old.`attributes`, '$.speaker');
	DELETE FROM `speaker_tallies` WHERE `project_id` = old.`project_id` AND `speaker` = json_extract(old.`attributes`, '$.speaker') AND `n` <= 0;
	INSERT INTO `speaker_tallies` (`project_id`, `speaker`, `n`)
		SELECT new.`project_id`, json_extract(new.`attributes`, '$.speaker'), 1
		WHERE new.`deleted_at` IS NULL AND coalesce(json_extract(new.`attributes`, '$.speaker'), '') <> ''
		ON CONFLICT DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `speaker_tallies_ad` AFTER DELETE ON `annotations`
WHEN old.`deleted_at` IS NULL AND coalesce(json_extract(old.`attributes`, '$.speaker'), '') <> '' BEGIN
	UPDATE `speaker_tallies` SET `n` = `n` - 1 WHERE `project_id` = old.`project_id` AND `speaker` = json_extract(old.`attributes`, '$.speaker');
	DELETE FROM `speaker_tallies` WHERE `project_id` = old.`project_id` AND `speaker` = json_extract(old.`attributes`, '$.speaker') AND `n` <= 0;
END;
--> statement-breakpoint
INSERT INTO `speaker_tallies` (`project_id`, `speaker`, `n`)
SELECT `project_id`, json_extract(`attributes`, '$.speaker'), count(*) FROM `annotations`
WHERE `deleted_at` IS NULL AND coalesce(json_extract(`attributes`, '$.speaker'), '') <> ''
GROUP BY 1, 2;
