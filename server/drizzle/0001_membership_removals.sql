CREATE TABLE "membership_removals" (
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"removed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_removals_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
