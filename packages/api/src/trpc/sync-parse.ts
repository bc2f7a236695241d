import type { z } from "zod";

/**
 * tRPC validates with a schema's `parseAsync` when it has one, and zod 4 runs its compiled
 * (fast) object parser only for synchronous parses: on the shopper read path that difference was
 * about a tenth of the request (bench/p4). This makes the schema's `parseAsync` a synchronous
 * parse — same result and errors — so it is only for schemas without async refinements (a
 * promise met during the parse then fails loudly instead of being awaited). Returns the schema.
 */
export function parsedSynchronously<T extends z.ZodType>(schema: T): T {
  schema.parseAsync = async (data, params) => schema.parse(data, params);
  return schema;
}
