import "server-only";
import { serverContext } from "./server-context";

/**
 * Every API route (tRPC, app-proxy tRPC, REST, docs) hands the request to the one API handler.
 * If the database cannot be reached at start-up the caller gets a 503 to retry, not a crash.
 */
export async function handleApiRequest(request: Request): Promise<Response> {
  let context;
  try {
    context = await serverContext();
  } catch {
    return Response.json(
      { error: { message: "LoyalNest is starting or its database is down. Try again shortly." } },
      { status: 503 },
    );
  }
  return context.apiHandler(request);
}
