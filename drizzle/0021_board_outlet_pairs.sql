-- The claim board's outlet graph: board_links summed per outlet pair, kept by triggers, so a
-- board page reads the strongest pairs instead of grouping every counted link of the project.
CREATE TABLE `board_outlet_pairs` (
	`project_id` integer NOT NULL,
	`a` text NOT NULL,
	`b` text NOT NULL,
	`corroborates` integer DEFAULT 0 NOT NULL,
	`conflicts` integer DEFAULT 0 NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`project_id`, `a`, `b`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `board_outlet_pairs` (`project_id`, `a`, `b`, `corroborates`, `conflicts`, `n`)
SELECT `project_id`, `a`, `b`, sum(`relation` = 'corroborates'), sum(`relation` = 'conflicts'), count(*) FROM `board_links` GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER `board_outlet_pairs_ai` AFTER INSERT ON `board_links` BEGIN
	INSERT INTO `board_outlet_pairs` (`project_id`, `a`, `b`, `corroborates`, `conflicts`, `n`)
		VALUES (new.`project_id`, new.`a`, new.`b`, new.`relation` = 'corroborates', new.`relation` = 'conflicts', 1)
		ON CONFLICT DO UPDATE SET `corroborates` = `corroborates` + excluded.`corroborates`, `conflicts` = `conflicts` + excluded.`conflicts`, `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `board_outlet_pairs_au` AFTER UPDATE ON `board_links` BEGIN
	UPDATE `board_outlet_pairs` SET `corroborates` = `corroborates` - (old.`relation` = 'corroborates'), `conflicts` = `conflicts` - (old.`relation` = 'conflicts'), `n` = `n` - 1
		WHERE `project_id` = old.`project_id` AND `a` = old.`a` AND `b` = old.`b`;
	INSERT INTO `board_outlet_pairs` (`project_id`, `a`, `b`, `corroborates`, `conflicts`, `n`)
		VALUES (new.`project_id`, new.`a`, new.`b`, new.`relation` = 'corroborates', new.`relation` = 'conflicts', 1)
		ON CONFLICT DO UPDATE SET `corroborates` = `corroborates` + excluded.`corroborates`, `conflicts` = `conflicts` + excluded.`conflicts`, `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `board_outlet_pairs_ad` AFTER DELETE ON `board_links` BEGIN
	UPDATE `board_outlet_pairs` SET `corroborates` = `corroborates` - (old.`relation` = 'corroborates'), `conflicts` = `conflicts` - (old.`relation` = 'conflicts'), `n` = `n` - 1
		WHERE `project_id` = old.`project_id` AND `a` = old.`a` AND `b` = old.`b`;
END;
