CREATE TABLE "ledger_refusals" (
	"shop_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"customer_id" bigint NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"amount" integer NOT NULL,
	"available_at_refusal" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_refusals_shop_id_idempotency_key_pk" PRIMARY KEY("shop_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "ledger_refusals" ADD CONSTRAINT "ledger_refusals_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_refusals" ADD CONSTRAINT "ledger_refusals_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;