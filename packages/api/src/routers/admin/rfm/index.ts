import { router } from "../../../trpc";
import { exportSegmentCsv } from "./export";
import { settingsGet } from "./settings-get";
import { settingsUpdate } from "./settings-update";

/** RFM (§11): the shop's scoring settings and segment exports. */
export const rfmRouter = router({
  settings: router({ get: settingsGet, update: settingsUpdate }),
  export: exportSegmentCsv,
});
