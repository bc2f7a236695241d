import { schema } from "@loyalnest/db";
import { count, eq, sum } from "drizzle-orm";
import { serverContext } from "../lib/server-context";

export const dynamic = "force-dynamic";

/**
 * The development landing page: which shops this database holds, with their member counts and
 * outstanding points, and where to check health. The embedded Polaris admin replaces it.
 */
export default async function Home() {
  const { database } = await serverContext();
  const { db } = database;
  const shops = await db
    .select({
      id: schema.shops.id,
      name: schema.shops.name,
      domain: schema.shops.domain,
      currency: schema.shops.currency,
      members: count(schema.pointBalances.customerId),
      outstanding: sum(schema.pointBalances.available),
    })
    .from(schema.shops)
    .leftJoin(schema.pointBalances, eq(schema.pointBalances.shopId, schema.shops.id))
    .groupBy(schema.shops.id)
    .orderBy(schema.shops.name);

  return (
    <main style={{ maxWidth: 760, margin: "48px auto", padding: "0 16px" }}>
      <h1 style={{ fontSize: 28 }}>LoyalNest</h1>
      <p>The development stack is running. Shops in this database:</p>
      <table style={{ width: "100%", borderCollapse: "collapse", background: "#fff" }}>
        <thead>
          <tr>
            {["Shop", "Domain", "Members", "Points outstanding"].map((h) => (
              <th key={h} style={{ textAlign: "left", padding: 8, borderBottom: "1px solid #ddd" }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shops.map((shop) => (
            <tr key={shop.id} data-testid="shop-row">
              <td style={{ padding: 8 }}>{shop.name}</td>
              <td style={{ padding: 8 }}>{shop.domain}</td>
              <td style={{ padding: 8 }}>{shop.members.toLocaleString("en-US")}</td>
              <td style={{ padding: 8 }}>{Number(shop.outstanding ?? 0).toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Health: <a href="/api/health">/api/health</a>
      </p>
    </main>
  );
}
