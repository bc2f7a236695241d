import { router } from "../../trpc";
import { claimAction } from "./claim-action";
import { history } from "./history";
import { join } from "./join";
import { profile } from "./profile";
import { redeem } from "./redeem";
import { redemptions } from "./redemptions";
import { referral } from "./referral";

/** The storefront widget and the customer extensions: the logged-in shopper's own loyalty data. */
export const shopperRouter = router({
  profile,
  history,
  redemptions,
  redeem,
  referral,
  claimAction,
  join,
});
