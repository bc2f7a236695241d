import { router } from "../../../trpc";
import { failedWork } from "./failed-work";
import { retry } from "./retry";
import { retryAll } from "./retry-all";

/** Operations: failed webhook deliveries and dead-lettered jobs, and staff retries (audited). */
export const operationsRouter = router({
  failedWork,
  retry,
  retryAll,
});
