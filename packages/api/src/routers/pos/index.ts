import { router } from "../../trpc";
import { award } from "./award";
import { lookupCustomer } from "./lookup-customer";
import { redeem } from "./redeem";
import { syncOffline } from "./sync-offline";

/** The POS UI extension: customer look-up, redemption at the till, and offline batch sync. */
export const posRouter = router({
  lookupCustomer,
  redeem,
  award,
  syncOffline,
});
