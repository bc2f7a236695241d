import { router } from "../../../trpc";

export const operationsRouter = router({});
