import { checkHealth } from "@loyalnest/api";
import { serverContext } from "../../../lib/server-context";

export const dynamic = "force-dynamic";

/** Liveness and readiness: 200 when the database, migrations and queue are usable, else 503. */
export async function GET() {
  try {
    const { database, store } = await serverContext();
    const report = await checkHealth({ db: database.db, store });
    return Response.json(report, { status: report.status === "down" ? 503 : 200 });
  } catch (error) {
    const message = error instanceof Error ? error.message : "unknown error";
    return Response.json({ status: "down", error: message }, { status: 503 });
  }
}
