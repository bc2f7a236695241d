import { router } from "../../../trpc";

export const rewardsRouter = router({});
