import { router } from "../../../trpc";

export const tiersRouter = router({});
