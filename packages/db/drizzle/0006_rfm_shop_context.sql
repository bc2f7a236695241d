CREATE TABLE "rfm_shop_context" (
	"shop_id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"aov_minor" bigint NOT NULL,
	"quintile_model" jsonb,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rfm_shop_context" ADD CONSTRAINT "rfm_shop_context_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;