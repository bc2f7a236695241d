import { router } from "../../../trpc";
import { downloadExport } from "./download-export";
import { get } from "./get";
import { list } from "./list";

/** GDPR requests: status, and the download of data-request exports (audited). */
export const gdprRouter = router({
  list,
  get,
  downloadExport,
});
