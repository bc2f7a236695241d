/**
 * A small subset of Shopify's search syntax for `query:` arguments: space-separated (AND) terms
 * `field:value`, `field:>value`, `field:>=value`, `field:<value`, `field:<=value`, optional quotes,
 * and bare words matched as free text. Unknown fields are ignored, as Shopify does.
 */
interface Term {
  field: string | undefined;
  op: "=" | ">" | ">=" | "<" | "<=";
  value: string;
  negate: boolean;
}

export function parseSearch(query: unknown): Term[] {
  if (typeof query !== "string" || query.trim() === "") return [];
  const terms: Term[] = [];
  const pattern = /(-?)(?:([A-Za-z_]+):(>=|<=|>|<)?)?("([^"]*)"|'([^']*)'|\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const [, neg, field, op, raw, dq, sq] = match;
    if (!field && /^(AND|OR)$/i.test(raw ?? "")) continue;
    terms.push({
      field: field?.toLowerCase(),
      op: (op as Term["op"] | undefined) ?? "=",
      value: dq ?? sq ?? raw ?? "",
      negate: neg === "-",
    });
  }
  return terms;
}

export type Accessors<T> = Record<string, (item: T) => string | number | null | string[]>;

export function matchesSearch<T>(
  item: T,
  terms: Term[],
  fields: Accessors<T>,
  freeText: (item: T) => string,
): boolean {
  return terms.every((term) => {
    const result = matchTerm(item, term, fields, freeText);
    return term.negate ? !result : result;
  });
}

function matchTerm<T>(item: T, term: Term, fields: Accessors<T>, freeText: (item: T) => string): boolean {
  if (!term.field) return freeText(item).toLowerCase().includes(term.value.toLowerCase());
  const accessor = fields[term.field];
  if (!accessor) return true;
  const actual = accessor(item);
  if (actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => a.toLowerCase() === term.value.toLowerCase());
  const cmp = compare(actual, term.value);
  switch (term.op) {
    case "=":
      return typeof actual === "string" && !isDateLike(term.value)
        ? actual.toLowerCase() === term.value.toLowerCase() ||
            (term.value.endsWith("*") &&
              actual.toLowerCase().startsWith(term.value.slice(0, -1).toLowerCase()))
        : cmp === 0;
    case ">":
      return cmp > 0;
    case ">=":
      return cmp >= 0;
    case "<":
      return cmp < 0;
    case "<=":
      return cmp <= 0;
  }
}

function isDateLike(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(value);
}

function compare(actual: string | number, expected: string): number {
  if (typeof actual === "number") return actual - Number(expected);
  if (isDateLike(actual) && isDateLike(expected)) return Date.parse(actual) - Date.parse(expected);
  return actual.localeCompare(expected);
}
