import { router } from "../../../trpc";
import { list } from "./list";

/** The shop's audit log. */
export const auditRouter = router({
  list,
});
