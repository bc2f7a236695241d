import { schema } from "@loyalnest/db";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_audit");
});
afterAll(async () => api?.close());

describe("admin.audit.list", () => {
  it("shows the shop's staff actions newest first, filtered by entity and action, paginated — never another shop's", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const customer = await insertTestCustomer(api.test.db, shop.id);
    const theirs = await insertTestCustomer(api.test.db, other.id);
    const client = api.client({ kind: "admin", shop: shop.domain, staffId: "808" });
    const theirClient = api.client({ kind: "admin", shop: other.domain });
    await client.admin.customers.adjustPoints.mutate({
      customerId: customer.id,
      points: 40,
      reason: "Birthday gift",
      requestKey: "audit-adjust-1",
    });
    await client.admin.customers.pinTier.mutate({
      customerId: customer.id,
      tierId: null,
      requestKey: "audit-pin-1",
    });
    await theirClient.admin.customers.adjustPoints.mutate({
      customerId: theirs.id,
      points: 10,
      reason: "Theirs",
      requestKey: "audit-adjust-2",
    });
    await api.test.db.insert(schema.auditLog).values({
      shopId: shop.id,
      actorType: "staff",
      actorId: "1",
      action: "settings.update",
      entityType: "shop",
    });

    const all = await client.admin.audit.list.query({ limit: 2 });
    expect(all.items.map((a) => a.action)).toEqual(["settings.update", "tier.pin"]);
    const rest = await client.admin.audit.list.query({ limit: 2, cursor: all.nextCursor! });
    expect(rest.items).toEqual([
      expect.objectContaining({
        action: "points.adjust",
        actorType: "staff",
        actorId: "808",
        entityType: "customer",
        entityId: String(customer.id),
        reason: "Birthday gift",
        changes: expect.objectContaining({ points: 40, balanceAfter: 40 }),
      }),
    ]);
    expect(rest.nextCursor).toBeNull();

    const ofCustomer = await client.admin.audit.list.query({
      entityType: "customer",
      entityId: String(customer.id),
    });
    expect(ofCustomer.items.map((a) => a.action)).toEqual(["tier.pin", "points.adjust"]);
    const adjustments = await client.admin.audit.list.query({ action: "points.adjust" });
    expect(adjustments.items).toHaveLength(1);

    const theirsAsked = await client.admin.audit.list.query({
      entityType: "customer",
      entityId: String(theirs.id),
    });
    expect(theirsAsked.items).toEqual([]);
  });

  it("refuses an oversized filter with a 400 naming the field", async () => {
    const shop = await api.installShop();
    const result = await api.call({
      path: "admin.audit.list",
      type: "query",
      input: { action: "x".repeat(500) },
      credential: { kind: "admin", shop: shop.domain },
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("action");
  });
});
