import { schema, type Database } from "@loyalnest/db";
import { eq } from "drizzle-orm";

/**
 * Shop domain → shop id for the webhook edge, cached briefly so the hot path does not query for
 * it on every delivery. Unknown domains are cached for less time, so a shop that has just
 * installed is found within seconds.
 */
export class ShopDirectory {
  private readonly cache = new Map<string, { shopId: string | null; until: number }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 60_000,
    private readonly missTtlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async shopIdFor(domain: string): Promise<string | null> {
    const hit = this.cache.get(domain);
    if (hit && hit.until > this.now()) return hit.shopId;
    const [row] = await this.db
      .select({ id: schema.shops.id, status: schema.shops.status })
      .from(schema.shops)
      .where(eq(schema.shops.domain, domain));
    const shopId = row && row.status !== "redacted" ? row.id : null;
    this.cache.set(domain, { shopId, until: this.now() + (shopId ? this.ttlMs : this.missTtlMs) });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return shopId;
  }

  /** Forget a domain (after install, uninstall or erasure). */
  forget(domain: string) {
    this.cache.delete(domain);
  }
}
