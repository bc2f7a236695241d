import { router } from "../../../trpc";

export const gdprRouter = router({});
