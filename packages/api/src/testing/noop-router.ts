import { publicProcedure, router } from "../trpc";

/**
 * A router whose `shopper.profile` does nothing and answers a constant, built on the app's own
 * tRPC instance and its cheapest procedure (typed errors only: no credential, no schemas). Served
 * by `createApiHandler`, it is bench/p4's baseline — "a no-op tRPC procedure on the same stack":
 * the same HTTP handler, routing, context and tRPC transport as the real read, minus its work.
 */
export const noopRouter = router({
  shopper: router({
    profile: publicProcedure.query(() => ({ ok: true })),
  }),
});
