-- board_outlet_pairs (SQLite 0021): board_links summed per outlet pair, with a backfill.
INSERT INTO board_outlet_pairs (project_id, a, b, corroborates, conflicts, n)
SELECT project_id, a, b, count(*) FILTER (WHERE relation = 'corroborates'), count(*) FILTER (WHERE relation = 'conflicts'), count(*) FROM board_links GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE FUNCTION board_outlet_pairs_add(item board_links, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_outlet_pairs AS t (project_id, a, b, corroborates, conflicts, n)
		VALUES (item.project_id, item.a, item.b, sign * (item.relation = 'corroborates')::int, sign * (item.relation = 'conflicts')::int, sign)
		ON CONFLICT (project_id, a, b) DO UPDATE SET corroborates = t.corroborates + excluded.corroborates, conflicts = t.conflicts + excluded.conflicts, n = t.n + excluded.n;
END $$;
--> statement-breakpoint
CREATE FUNCTION board_outlet_pairs_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM board_outlet_pairs_add(NEW, 1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER board_outlet_pairs_ai AFTER INSERT ON board_links FOR EACH ROW EXECUTE FUNCTION board_outlet_pairs_ai();
--> statement-breakpoint
CREATE FUNCTION board_outlet_pairs_au() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM board_outlet_pairs_add(OLD, -1);
	PERFORM board_outlet_pairs_add(NEW, 1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER board_outlet_pairs_au AFTER UPDATE ON board_links FOR EACH ROW EXECUTE FUNCTION board_outlet_pairs_au();
--> statement-breakpoint
CREATE FUNCTION board_outlet_pairs_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM board_outlet_pairs_add(OLD, -1);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER board_outlet_pairs_ad AFTER DELETE ON board_links FOR EACH ROW EXECUTE FUNCTION board_outlet_pairs_ad();
