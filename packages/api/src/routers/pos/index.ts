import { router } from "../../trpc";

/** The POS UI extension: customer look-up, redemption at the till, and offline batch sync. */
export const posRouter = router({});
