import { afterEach, describe, expect, it } from "vitest";
import type { ShopifyStandIn } from "./index";
import { startShopifyStandIn } from "./index";
import type { Receiver } from "./test-support";
import { API_KEY, postJson, SECRET, SHOP, startReceiver } from "./test-support";

let standIn: ShopifyStandIn | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await standIn?.close();
  await receiver?.close();
});

async function start(options: { restoreRate?: number; bucketSize?: number } = {}) {
  receiver = await startReceiver();
  standIn = await startShopifyStandIn({
    apiKey: API_KEY,
    apiSecret: SECRET,
    webhookUrl: receiver.url,
    shops: [{ domain: SHOP }],
    ...options,
  });
  const token = await postJson(`${standIn.url}/_dev/access-token`, { shop: SHOP });
  const s = standIn;
  const gql = (query: string, variables: Record<string, unknown> = {}) =>
    postJson(
      `${s.url}/${SHOP}/admin/api/2026-01/graphql.json`,
      { query, variables },
      { "X-Shopify-Access-Token": token.json.access_token },
    );
  return { standIn: s, gql };
}

const CREATE_BASIC = `mutation Create($input: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $input) {
    codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title usageLimit endsAt } } }
    userErrors { field message code }
  }
}`;

describe("Admin GraphQL", () => {
  it("answers shop info with a cost extension", async () => {
    const { gql } = await start();
    const response = await gql(
      "{ shop { name currencyCode ianaTimezone plan { displayName shopifyPlus } } }",
    );
    expect(response.status).toBe(200);
    expect(response.json.data.shop).toMatchObject({ currencyCode: "USD", ianaTimezone: "America/New_York" });
    expect(response.json.extensions.cost).toMatchObject({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: 1000, restoreRate: 100 },
    });
    expect(response.json.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(999);
  });

  it("rejects unknown fields and bad tokens like Shopify", async () => {
    const { standIn, gql } = await start();
    const unknown = await gql("{ shop { nope } }");
    expect(unknown.json.errors[0]).toMatchObject({
      message: "Field 'nope' doesn't exist on type 'Shop'",
      extensions: { code: "undefinedField" },
    });
    expect(unknown.json.data).toBeUndefined();
    const unauthorized = await postJson(
      `${standIn.url}/${SHOP}/admin/api/2026-01/graphql.json`,
      { query: "{ shop { name } }" },
      { "X-Shopify-Access-Token": "shpat_nope" },
    );
    expect(unauthorized.status).toBe(401);
  });

  it("throttles with a real leaky bucket at the restore rate", async () => {
    const { gql } = await start({ restoreRate: 50, bucketSize: 100 });
    const burst = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        gql(`mutation { flowTriggerReceive(handle: "t${i}", payload: {}) { userErrors { message } } }`),
      ),
    );
    const throttled = burst.filter((r) => r.json.errors?.[0]?.extensions?.code === "THROTTLED");
    expect(throttled.length).toBeGreaterThanOrEqual(2);
    expect(throttled[0]?.status).toBe(200);
    expect(throttled[0]?.json.errors[0].message).toBe("Throttled");
    expect(throttled[0]?.json.extensions.cost).toMatchObject({
      requestedQueryCost: 10,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 100, restoreRate: 50 },
    });
    expect(throttled[0]?.json.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(10);
    await new Promise((r) => setTimeout(r, 400)); // 50/s × 0.4 s = 20 points back
    const after = await gql(
      `mutation { flowTriggerReceive(handle: "later", payload: {}) { userErrors { message } } }`,
    );
    expect(after.json.errors).toBeUndefined();
    expect(after.json.data.flowTriggerReceive.userErrors).toEqual([]);
  });

  it("creates and deletes a customer-specific discount code", async () => {
    const { standIn, gql } = await start();
    const customer = await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email: "dc@example.com" });
    const input = {
      title: "Reward $5",
      code: "LN-REWARD-1",
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: [customer.json.customer.gid] } },
      combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
      customerGets: {
        value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } },
        items: { all: true },
      },
    };
    const created = await gql(CREATE_BASIC, { input });
    expect(created.json.extensions.cost.requestedQueryCost).toBe(10);
    const payload = created.json.data.discountCodeBasicCreate;
    expect(payload.userErrors).toEqual([]);
    expect(payload.codeDiscountNode.id).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\/\d+$/);
    expect(payload.codeDiscountNode.codeDiscount).toMatchObject({ title: "Reward $5", usageLimit: 1 });
    const again = await gql(CREATE_BASIC, { input });
    expect(again.json.data.discountCodeBasicCreate.userErrors[0]).toMatchObject({
      code: "TAKEN",
      field: ["basicCodeDiscount", "code"],
    });
    // The code works at checkout for its customer only, once.
    const order = await postJson(`${standIn.url}/_dev/orders`, {
      shop: SHOP,
      customerId: customer.json.customer.id,
      lineItems: [{ price: "20.00" }],
      discountCodes: ["LN-REWARD-1"],
    });
    expect(order.json.order.total_price).toBe("15.00");
    const reuse = await postJson(`${standIn.url}/_dev/orders`, {
      shop: SHOP,
      customerId: customer.json.customer.id,
      lineItems: [{ price: "20.00" }],
      discountCodes: ["LN-REWARD-1"],
    });
    expect(reuse.status).toBe(400);
    const deleted = await gql(
      `mutation Del($id: ID!) { discountCodeDelete(id: $id) { deletedCodeDiscountId userErrors { message } } }`,
      { id: payload.codeDiscountNode.id },
    );
    expect(deleted.json.data.discountCodeDelete).toEqual({
      deletedCodeDiscountId: payload.codeDiscountNode.id,
      userErrors: [],
    });
    const missing = await gql(`query N($id: ID!) { codeDiscountNode(id: $id) { id } }`, {
      id: payload.codeDiscountNode.id,
    });
    expect(missing.json.data.codeDiscountNode).toBeNull();
  });

  it("paginates the orders connection and filters by updated_at", async () => {
    const { standIn, gql } = await start();
    for (let i = 0; i < 5; i++)
      await postJson(`${standIn.url}/_dev/orders`, { shop: SHOP, lineItems: [{ price: `${i + 1}.00` }] });
    const query = `query Orders($after: String, $q: String) {
      orders(first: 2, after: $after, query: $q) { pageInfo { hasNextPage endCursor } edges { cursor node { name } } nodes { id } }
    }`;
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await gql(query, { after, q: "updated_at:>=2000-01-01T00:00:00Z" });
      const connection = page.json.data.orders;
      expect(page.json.extensions.cost.requestedQueryCost).toBe(4);
      names.push(...connection.edges.map((e: { node: { name: string } }) => e.node.name));
      pages++;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(["#1001", "#1002", "#1003", "#1004", "#1005"]);
    const future = await gql(query, {
      after: null,
      q: `updated_at:>='${new Date(Date.now() + 60_000).toISOString()}'`,
    });
    expect(future.json.data.orders.nodes).toEqual([]);
  });

  it("credits store credit and sets customer metafields", async () => {
    const { standIn, gql } = await start();
    const customer = await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email: "sc@example.com" });
    const gid = customer.json.customer.gid;
    const credit = await gql(
      `mutation C($id: ID!, $input: StoreCreditAccountCreditInput!) { storeCreditAccountCredit(id: $id, creditInput: $input) {
        storeCreditAccountTransaction { amount { amount currencyCode } account { id balance { amount } } } userErrors { code message } } }`,
      { id: gid, input: { creditAmount: { amount: "7.50", currencyCode: "USD" } } },
    );
    expect(
      credit.json.data.storeCreditAccountCredit.storeCreditAccountTransaction.account.balance.amount,
    ).toBe("7.50");
    const set = await gql(
      `mutation M($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { namespace key value } userErrors { code } } }`,
      {
        m: [
          { ownerId: gid, namespace: "$app:loyalty", key: "balance", type: "number_integer", value: "120" },
        ],
      },
    );
    expect(set.json.data.metafieldsSet.userErrors).toEqual([]);
    const read = await gql(
      `query R($id: ID!) { customer(id: $id) { balance: metafield(namespace: "$app:loyalty", key: "balance") { value } } }`,
      { id: gid },
    );
    expect(read.json.data.customer.balance.value).toBe("120");
  });
});
