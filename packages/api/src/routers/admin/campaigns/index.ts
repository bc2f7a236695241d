import { router } from "../../../trpc";
import { archive } from "./archive";
import { create } from "./create";
import { get } from "./get";
import { list } from "./list";
import { update } from "./update";

export const campaignsRouter = router({ list, get, create, update, archive });
