CREATE TABLE "board_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"project_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "local_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "board_events" ADD CONSTRAINT "board_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_events_project_idx" ON "board_events" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "board_events_created_idx" ON "board_events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "local_sessions_expires_idx" ON "local_sessions" USING btree ("expires_at");--> statement-breakpoint
-- Each committed board event is announced to every API instance: LISTEN board_events.
-- The payload is only a wake-up ("<org_id> <project_id> <id>"); subscribers read the rows.
CREATE FUNCTION "board_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('board_events', NEW.org_id || ' ' || NEW.project_id || ' ' || NEW.id);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "board_events_notify" AFTER INSERT ON "board_events"
  FOR EACH ROW EXECUTE FUNCTION "board_events_notify"();
