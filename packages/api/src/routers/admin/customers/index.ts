import { router } from "../../../trpc";
import { adjustPoints } from "./adjust-points";
import { detail } from "./detail";
import { ledger } from "./ledger";
import { pinTier } from "./pin-tier";
import { search } from "./search";
import { unpinTier } from "./unpin-tier";

/** The merchant's customers: search, detail, ledger, manual adjustments and tier pins (audited). */
export const customersRouter = router({
  search,
  detail,
  ledger,
  adjustPoints,
  pinTier,
  unpinTier,
});
