import { schema } from "@loyalnest/db";
import { count, eq, sum } from "drizzle-orm";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { adminEmbedding } from "../../lib/embedding";
import { serverContext } from "../../lib/server-context";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Development stack · LoyalNest" };

/**
 * The development overview (`/dev`): which shops this database holds, with their member counts and
 * outstanding points, where to open the embedded admin and where to check health. It reads across
 * shops, so it exists only when the admin runs against the Shopify stand-in, never in production.
 */
export default async function DevOverview() {
  const embedding = adminEmbedding();
  if (embedding.mode !== "stand-in") notFound();
  let shops: Awaited<ReturnType<typeof loadShops>>;
  try {
    shops = await loadShops();
  } catch (error) {
    return <Unavailable reason={error instanceof Error ? error.message : "unknown error"} />;
  }
  return <ShopList shops={shops} devFrameUrl={embedding.devFrameUrl} />;
}

async function loadShops() {
  const { database } = await serverContext();
  return database.db
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
}

/** Shown instead of a stack trace when the database cannot be reached. */
function Unavailable({ reason }: { reason: string }) {
  return (
    <main
      style={{ maxWidth: 760, margin: "48px auto", padding: "0 16px", fontFamily: "system-ui, sans-serif" }}
    >
      <h1 style={{ fontSize: 28 }}>LoyalNest</h1>
      <p role="alert">
        The database is not reachable ({reason.replace(/postgres(ql)?:\/\/\S+/g, "postgres://…")}). Start the
        stack with <code>npm run dev</code>, or check <code>DATABASE_URL</code>.
      </p>
    </main>
  );
}

function ShopList({
  shops,
  devFrameUrl,
}: {
  shops: Awaited<ReturnType<typeof loadShops>>;
  devFrameUrl: string;
}) {
  return (
    <main
      style={{ maxWidth: 760, margin: "48px auto", padding: "0 16px", fontFamily: "system-ui, sans-serif" }}
    >
      <h1 style={{ fontSize: 28 }}>LoyalNest</h1>
      <p>The development stack is running. Shops in this database:</p>
      <table style={{ width: "100%", borderCollapse: "collapse", background: "#fff", color: "#303030" }}>
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
        Embedded admin (through the Shopify stand-in): <a href={devFrameUrl}>{devFrameUrl}</a>
      </p>
      <p>
        Health: <a href="/api/health">/api/health</a> · API docs: <a href="/api/docs">/api/docs</a>
      </p>
    </main>
  );
}
