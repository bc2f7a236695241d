import { GraphQLUserFacingError } from "./errors";

/**
 * Relay-style pagination as Shopify does it: opaque base64 cursors carrying the last id, at most
 * 250 per page, `first` or `last` required.
 */
export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ last_id: id })).toString("base64");
}

export function decodeCursor(cursor: unknown): number | undefined {
  if (typeof cursor !== "string") return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown };
    return typeof parsed.last_id === "number" ? parsed.last_id : undefined;
  } catch {
    return undefined;
  }
}

export function paginate<T>(
  nodeType: string,
  items: readonly T[],
  args: Record<string, unknown>,
  idOf: (item: T) => number,
  view: (item: T) => unknown,
) {
  const first = typeof args.first === "number" ? args.first : undefined;
  const last = typeof args.last === "number" ? args.last : undefined;
  if (first === undefined && last === undefined)
    throw new GraphQLUserFacingError("you must provide one of first or last", "ARGUMENT_ERROR");
  const size = (first ?? last) as number;
  if (size > 250 || size < 0)
    throw new GraphQLUserFacingError(
      `The ${first !== undefined ? "first" : "last"} argument must be between 0 and 250`,
      "ARGUMENT_ERROR",
    );
  let sorted = [...items].sort((a, b) => idOf(a) - idOf(b));
  if (args.reverse === true) sorted = sorted.reverse();
  const after = decodeCursor(args.after);
  const before = decodeCursor(args.before);
  const position = (id: number | undefined) =>
    id === undefined ? -1 : sorted.findIndex((i) => idOf(i) === id);
  let start = after === undefined ? 0 : position(after) + 1;
  let end = before === undefined ? sorted.length : position(before);
  if (end < 0) end = sorted.length;
  if (first !== undefined) end = Math.min(end, start + first);
  else start = Math.max(start, end - size);
  const page = sorted.slice(start, end);
  const edges = page.map((item) => ({
    __typename: `${nodeType}Edge`,
    cursor: encodeCursor(idOf(item)),
    node: view(item),
  }));
  return {
    __typename: `${nodeType}Connection`,
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      __typename: "PageInfo",
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
