import { router } from "../../../trpc";
import { list } from "./list";
import { review } from "./review";
import { reviewQueue } from "./review-queue";

/** Referrals: the list, the fraud review queue, and approve / reject (programme settings own the config). */
export const referralsRouter = router({
  list,
  reviewQueue,
  review,
});
