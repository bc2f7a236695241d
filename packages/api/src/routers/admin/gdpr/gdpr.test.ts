import { encryptPii, schema } from "@loyalnest/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_gdpr");
});
afterAll(async () => api?.close());

type Insert = typeof schema.gdprRequests.$inferInsert;

async function request(shopId: string, values: Omit<Insert, "shopId">) {
  const [row] = await api.test.db
    .insert(schema.gdprRequests)
    .values({ shopId, ...values })
    .returning();
  return row!;
}

const exportOf = (document: unknown) =>
  encryptPii(api.deps.keyring, JSON.stringify(document), "gdpr_requests.export");

const auditRows = (shopId: string) =>
  api.test.db.select().from(schema.auditLog).where(eq(schema.auditLog.shopId, shopId));

describe("admin.gdpr", () => {
  it("lists requests newest first with kind, status and dates, filtered and paginated; get shows one", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const data = await request(shop.id, {
      kind: "data_request",
      status: "completed",
      shopifyCustomerId: 111,
      ordersRequested: ["9001"],
      exportEnc: exportOf({ profile: { email: "ada@example.com" } }),
      completedAt: new Date("2026-01-02T03:04:05Z"),
    });
    const redact = await request(shop.id, {
      kind: "customer_redact",
      status: "processing",
      shopifyCustomerId: 222,
    });
    await request(other.id, { kind: "data_request", status: "received", shopifyCustomerId: 333 });
    const client = api.client({ kind: "admin", shop: shop.domain });

    const firstPage = await client.admin.gdpr.list.query({ limit: 1 });
    expect(firstPage.items).toEqual([
      expect.objectContaining({
        id: redact.id,
        kind: "customer_redact",
        status: "processing",
        hasExport: false,
      }),
    ]);
    const secondPage = await client.admin.gdpr.list.query({ limit: 1, cursor: firstPage.nextCursor! });
    expect(secondPage).toEqual({
      items: [
        {
          id: data.id,
          kind: "data_request",
          status: "completed",
          shopifyCustomerId: "111",
          customerId: null,
          ordersRequested: ["9001"],
          lastError: null,
          receivedAt: data.receivedAt.toISOString(),
          completedAt: "2026-01-02T03:04:05.000Z",
          hasExport: true,
        },
      ],
      nextCursor: null,
    });
    const onlyData = await client.admin.gdpr.list.query({ kind: "data_request" });
    expect(onlyData.items.map((r) => r.id)).toEqual([data.id]);
    expect(await client.admin.gdpr.get.query({ id: redact.id })).toMatchObject({
      id: redact.id,
      shopifyCustomerId: "222",
    });
  });

  it("downloads a completed data request's export, decrypted, and audits the download without its contents", async () => {
    const shop = await api.installShop();
    const document = { profile: { email: "ada@example.com", firstName: "Ada" }, ledger: [{ amount: 100 }] };
    const data = await request(shop.id, {
      kind: "data_request",
      status: "completed",
      shopifyCustomerId: 444,
      exportEnc: exportOf(document),
      completedAt: new Date(),
    });

    const result = await api
      .client({ kind: "admin", shop: shop.domain, staffId: "99" })
      .admin.gdpr.downloadExport.mutate({
        id: data.id,
      });

    expect(result).toEqual({
      id: data.id,
      shopifyCustomerId: "444",
      fileName: `loyalnest-data-request-${data.id}.json`,
      export: document,
    });
    const audits = await auditRows(shop.id);
    expect(audits).toEqual([
      expect.objectContaining({
        action: "gdpr.export_download",
        entityType: "gdpr_request",
        entityId: String(data.id),
        actorId: "99",
      }),
    ]);
    expect(JSON.stringify(audits)).not.toContain("ada@example.com");
  });

  it("refuses with a readable 412 an export that is not ready, or a request that has none", async () => {
    const shop = await api.installShop();
    const pending = await request(shop.id, {
      kind: "data_request",
      status: "processing",
      shopifyCustomerId: 5,
    });
    const redact = await request(shop.id, {
      kind: "customer_redact",
      status: "completed",
      shopifyCustomerId: 6,
    });
    const download = (id: number) =>
      api.call({
        path: "admin.gdpr.downloadExport",
        type: "mutation",
        input: { id },
        credential: { kind: "admin", shop: shop.domain },
      });
    const notReady = await download(pending.id);
    expect(notReady.status).toBe(412);
    expect(JSON.stringify(notReady.body)).toContain("not ready yet (the request is processing)");
    const none = await download(redact.id);
    expect(none.status).toBe(412);
    expect(JSON.stringify(none.body)).toContain("Only a customer data request has an export");
    expect(await auditRows(shop.id)).toEqual([]);
  });

  it("another shop's request is not found: nothing read, decrypted or audited", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const theirs = await request(other.id, {
      kind: "data_request",
      status: "completed",
      shopifyCustomerId: 777,
      exportEnc: exportOf({ profile: { email: "secret@example.com" } }),
      completedAt: new Date(),
    });
    for (const [path, type] of [
      ["admin.gdpr.get", "query"],
      ["admin.gdpr.downloadExport", "mutation"],
    ] as const) {
      const result = await api.call({
        path,
        type,
        input: { id: theirs.id },
        credential: { kind: "admin", shop: shop.domain },
      });
      expect(result.status).toBe(404);
      expect(JSON.stringify(result.body)).not.toContain("secret@example.com");
    }
    expect(await auditRows(shop.id)).toEqual([]);
    expect(await auditRows(other.id)).toEqual([]);
  });
});
