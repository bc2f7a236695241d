import { router } from "../../../trpc";
import { create } from "./create";
import { list } from "./list";
import { setActive } from "./set-active";
import { update } from "./update";
import { versions } from "./versions";

export const earningRulesRouter = router({ list, create, update, setActive, versions });
