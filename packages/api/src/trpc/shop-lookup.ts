import { spreadTtl } from "@loyalnest/cache";
import { schema, type Database } from "@loyalnest/db";
import { and, eq } from "drizzle-orm";

/** The shop facts every procedure needs, resolved from the verified credential's domain. */
export interface ShopRef {
  id: string;
  domain: string;
  currency: string;
  timezone: string;
}

interface Entry<T> {
  value: T;
  until: number;
}

const SHOP_TTL_MS = 30_000;
/**
 * A customer's id never changes while their shop is installed (customer rows are only ever
 * deleted with the whole shop, which the shop look-up refuses first), so the entry could live for
 * ever; it expires only so a process does not keep ids of shoppers who stopped visiting. Each
 * expiry costs a query on a storefront request, which is why this is minutes, not seconds.
 */
export const CUSTOMER_TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 50_000;

/**
 * Domain → shop and Shopify customer id → our customer id, cached in-process (shops for seconds,
 * customer ids for minutes): the shopper read path would otherwise spend two queries on facts that
 * almost never change. Only installed shops are found (uninstalled or erased shops are refused).
 * Misses are not cached, so a customer created a moment ago is found on the next request. Each
 * entry lives 50–100% of its TTL (as the shared cache's are fresh): the ids a storefront's shoppers
 * warmed together after a deploy are then re-read as a trickle, not as one burst of queries.
 */
export class ShopLookup {
  private readonly shopsByDomain = new Map<string, Entry<ShopRef | null>>();
  private readonly customerIds = new Map<string, Entry<number>>();

  constructor(
    private readonly db: Database,
    private readonly clock: () => number = Date.now,
  ) {}

  async byDomain(domain: string): Promise<ShopRef | null> {
    const hit = this.shopsByDomain.get(domain);
    if (hit && hit.until > this.clock()) return hit.value;
    const [row] = await this.db
      .select({
        id: schema.shops.id,
        domain: schema.shops.domain,
        currency: schema.shops.currency,
        timezone: schema.shops.timezone,
      })
      .from(schema.shops)
      .where(and(eq(schema.shops.domain, domain), eq(schema.shops.status, "active")));
    const value = row ?? null;
    if (value) remember(this.shopsByDomain, domain, value, this.clock() + spreadTtl(SHOP_TTL_MS));
    return value;
  }

  /** Our customer id for a Shopify customer of this shop, or null when we have no row yet. */
  async customerId(shopId: string, shopifyCustomerId: string): Promise<number | null> {
    const key = `${shopId}:${shopifyCustomerId}`;
    const hit = this.customerIds.get(key);
    if (hit && hit.until > this.clock()) return hit.value;
    const [row] = await this.db
      .select({ id: schema.customers.id })
      .from(schema.customers)
      .where(
        and(
          eq(schema.customers.shopId, shopId),
          eq(schema.customers.shopifyCustomerId, Number(shopifyCustomerId)),
        ),
      );
    if (!row) return null;
    remember(this.customerIds, key, row.id, this.clock() + spreadTtl(CUSTOMER_TTL_MS));
    return row.id;
  }

  /** Forget a shop (install, uninstall, erasure) so the next request reads it afresh. */
  forgetShop(domain: string) {
    this.shopsByDomain.delete(domain);
  }
}

function remember<T>(map: Map<string, Entry<T>>, key: string, value: T, until: number) {
  map.set(key, { value, until });
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}
