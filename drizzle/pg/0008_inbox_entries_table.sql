CREATE TABLE "inbox_entries" (
	"source" text NOT NULL,
	"source_id" integer NOT NULL,
	"recipient_id" integer NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "inbox_entries_source_source_id_recipient_id_pk" PRIMARY KEY("source","source_id","recipient_id")
);
--> statement-breakpoint
CREATE INDEX "inbox_entries_recipient_idx" ON "inbox_entries" USING btree ("recipient_id","source","created_at","source_id");