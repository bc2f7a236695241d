import { router } from "../../../trpc";
import { list } from "./list";
import { preview } from "./preview";
import { save } from "./save";

export const tiersRouter = router({ list, preview, save });
