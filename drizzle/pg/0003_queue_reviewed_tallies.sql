CREATE TABLE "queue_article_sizes" (
	"project_id" integer NOT NULL,
	"article_id" integer NOT NULL,
	"label" text NOT NULL,
	"outlet" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_article_sizes_project_id_article_id_label_pk" PRIMARY KEY("project_id","article_id","label")
);
--> statement-breakpoint
CREATE TABLE "queue_reviewed_outlet_tallies" (
	"project_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"outlet" text NOT NULL,
	"label" text NOT NULL,
	"author_id" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_reviewed_outlet_tallies_project_id_reviewer_id_outlet_label_author_id_pk" PRIMARY KEY("project_id","reviewer_id","outlet","label","author_id")
);
--> statement-breakpoint
CREATE TABLE "queue_reviewed_tallies" (
	"project_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"article_id" integer NOT NULL,
	"label" text NOT NULL,
	"author_id" integer NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_reviewed_tallies_project_id_reviewer_id_article_id_label_author_id_pk" PRIMARY KEY("project_id","reviewer_id","article_id","label","author_id")
);
--> statement-breakpoint
CREATE INDEX "queue_article_sizes_size_idx" ON "queue_article_sizes" USING btree ("project_id","label","n","article_id");--> statement-breakpoint
CREATE INDEX "queue_article_sizes_outlet_idx" ON "queue_article_sizes" USING btree ("project_id","label","outlet","n","article_id");--> statement-breakpoint
CREATE INDEX "queue_reviewed_tallies_author_idx" ON "queue_reviewed_tallies" USING btree ("project_id","reviewer_id","author_id","article_id");