import type { z } from "zod";

/** Per schema made by `parsedSynchronously`: the frozen outputs `parseFrozen` produced with it. */
const frozenOutputs = new WeakMap<z.ZodType, WeakSet<object>>();

/**
 * tRPC validates with a schema's `parseAsync` when it has one, and zod 4 runs its compiled
 * (fast) object parser only for synchronous parses: on the shopper read path that difference was
 * about a tenth of the request (bench/p4). This makes the schema's `parseAsync` a synchronous
 * parse — same result and errors — so it is only for schemas without async refinements (a
 * promise met during the parse then fails loudly instead of being awaited). A value this schema
 * itself produced through `parseFrozen` is returned as it is (see there). Returns the schema.
 */
export function parsedSynchronously<T extends z.ZodType>(schema: T): T {
  const produced = new WeakSet<object>();
  frozenOutputs.set(schema, produced);
  schema.parseAsync = async (data, params) =>
    isObject(data) && produced.has(data) ? (data as z.output<T>) : schema.parse(data, params);
  return schema;
}

/**
 * Parses with a `parsedSynchronously` schema and deep-freezes the result, for a value handed out
 * many times (a memoised response). Validating it again with the same schema returns it without a
 * second parse: it is that schema's own output and, frozen, cannot have changed since.
 */
export function parseFrozen<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const produced = frozenOutputs.get(schema);
  if (produced === undefined) throw new Error("parseFrozen needs a schema made by parsedSynchronously");
  const output = deepFreeze(schema.parse(data));
  if (isObject(output)) produced.add(output);
  return output;
}

function deepFreeze<T>(value: T): T {
  if (isObject(value) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null;
