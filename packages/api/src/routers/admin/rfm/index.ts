import { router } from "../../../trpc";

export const rfmRouter = router({});
