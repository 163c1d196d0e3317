CREATE TABLE "clerk_deletions" (
	"object" text NOT NULL,
	"id" text NOT NULL,
	"clerk_deleted_at" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clerk_deletions_object_id_pk" PRIMARY KEY("object","id")
);
--> statement-breakpoint
CREATE TABLE "clerk_webhook_deliveries" (
	"svix_id" text PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "membership_removals" ADD COLUMN "clerk_removed_at" bigint;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "clerk_updated_at" bigint;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "clerk_updated_at" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "clerk_updated_at" bigint;--> statement-breakpoint
CREATE INDEX "clerk_webhook_deliveries_received_idx" ON "clerk_webhook_deliveries" USING btree ("received_at");