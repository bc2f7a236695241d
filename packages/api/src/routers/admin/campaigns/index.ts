import { router } from "../../../trpc";

export const campaignsRouter = router({});
