import { router } from "../../trpc";
import { profile } from "./profile";

/** The storefront widget and the customer extensions: the logged-in shopper's own loyalty data. */
export const shopperRouter = router({
  profile,
});
