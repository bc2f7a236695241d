import type { z } from "zod";

/**
 * Where a `parseFrozen` output carries its own JSON text. Our tRPC patch
 * (patches/@trpc__server@11.22.1.patch, `singleResultBody`) answers a single query whose result
 * carries it with that text instead of serialising the object again: a memoised response is
 * serialised once, not on every request.
 */
export const SERIALIZED_JSON = Symbol.for("loyalnest.trpc.serializedJSON");

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
 * second parse: it is that schema's own output and, frozen, cannot have changed since. For the
 * same reason its JSON is computed here, once, and kept on it (`SERIALIZED_JSON`). Only for plain
 * JSON data (objects, arrays, strings, numbers, booleans, null): freezing cannot stop a Date or a
 * Map inside from changing.
 */
export function parseFrozen<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const produced = frozenOutputs.get(schema);
  if (produced === undefined) throw new Error("parseFrozen needs a schema made by parsedSynchronously");
  const output = schema.parse(data);
  if (isObject(output)) {
    Object.defineProperty(output, SERIALIZED_JSON, { value: JSON.stringify(output) });
    produced.add(output);
  }
  return deepFreeze(output);
}

function deepFreeze<T>(value: T): T {
  if (isObject(value) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null;
