import { TRPCClientError } from "@trpc/client";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { shopBaseUrlFromTemplate } from "@loyalnest/shopify";
import { startShopifyStandIn, type ShopifyStandIn } from "@loyalnest/shopify-dev";
import { createApiHarness, type ApiHarness } from "../../testing";

/**
 * The API harness with its Admin API pointed at a real Shopify stand-in over HTTP: every shop made
 * here exists in the stand-in with a token it issued, and customers made by `shopperIn` exist in
 * both (so their codes can be scoped to them).
 */
export interface StandInWorld {
  api: ApiHarness;
  standIn: ShopifyStandIn;
  close(): Promise<void>;
}

const GENEROUS = { limit: 100_000, windowMs: 60_000 };

export async function startStandInWorld(label: string): Promise<StandInWorld> {
  const standIn = await startShopifyStandIn({ port: 0, retryScale: 0.001 });
  const api = await createApiHarness(label, {
    deps: {
      shopifyBaseUrl: shopBaseUrlFromTemplate(`${standIn.url}/{shop}`),
      rateLimits: { shopperRead: GENEROUS, shopperWrite: GENEROUS, posWrite: GENEROUS },
    },
  });
  return {
    api,
    standIn,
    async close() {
      await api.close();
      await standIn.close();
    },
  };
}

export async function control<T = Record<string, unknown>>(
  standIn: ShopifyStandIn,
  path: string,
  body?: object,
): Promise<T> {
  const response = await fetch(`${standIn.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A shop installed in LoyalNest and in the stand-in, with an offline token the stand-in accepts. */
export async function installStandInShop(world: StandInWorld) {
  const shop = await world.api.installShop();
  await control(world.standIn, "/_dev/shops", { domain: shop.domain, currencyCode: "USD" });
  const { access_token } = await control<{ access_token: string }>(world.standIn, "/_dev/access-token", {
    shop: shop.domain,
  });
  await world.api.deps.tokenStore.save(
    shop.domain,
    {
      accessToken: access_token,
      accessTokenExpiresAt: null,
      refreshToken: null,
      refreshTokenExpiresAt: null,
      scope: "write_discounts",
    },
    null,
  );
  return shop;
}

/** A customer who exists in the stand-in (held webhook: LoyalNest's row is made here directly). */
export async function shopperIn(world: StandInWorld, shopId: string, domain: string, email?: string) {
  const { customer } = await control<{ customer: { id: number } }>(world.standIn, "/_dev/customers", {
    shop: domain,
    ...(email ? { email } : {}),
    deliver: false,
  });
  return insertTestCustomer(world.api.test.db, shopId, {
    shopifyCustomerId: customer.id,
    joinedAt: new Date(),
  });
}

export interface StandInDiscount {
  code: string;
  kind: "basic" | "free_shipping";
  customerIds: number[];
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  endsAt: string | null;
  value: { percentage: number } | { amountCents: number } | null;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
}

/** What Shopify (the stand-in) holds for the shop: its discount codes and store credit accounts. */
export async function standInState(world: StandInWorld, domain: string) {
  return control<{
    discounts: StandInDiscount[];
    storeCreditAccounts: { customerId: number; balanceCents: number; currencyCode: string }[];
  }>(world.standIn, `/_dev/shops/${domain}`);
}

/** The refusal a client sees: HTTP status and the user-readable message. */
export async function failureOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { httpStatus?: number } | undefined;
      return { status: data?.httpStatus ?? 0, message: error.message };
    }
    throw error;
  }
  throw new Error("expected the call to fail");
}
