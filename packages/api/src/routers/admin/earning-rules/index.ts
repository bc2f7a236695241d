import { router } from "../../../trpc";

export const earningRulesRouter = router({});
