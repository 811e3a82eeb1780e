CREATE TABLE "board_outlet_pairs" (
	"project_id" integer NOT NULL,
	"a" text NOT NULL,
	"b" text NOT NULL,
	"corroborates" integer DEFAULT 0 NOT NULL,
	"conflicts" integer DEFAULT 0 NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "board_outlet_pairs_project_id_a_b_pk" PRIMARY KEY("project_id","a","b")
);
