import { router } from "../trpc";
import { adminRouter } from "./admin";
import { posRouter } from "./pos";
import { shopperRouter } from "./shopper";

/** The whole API: `admin.*` (embedded admin), `shopper.*` (storefront and extensions), `pos.*`. */
export const appRouter = router({
  admin: adminRouter,
  shopper: shopperRouter,
  pos: posRouter,
});

export type AppRouter = typeof appRouter;
