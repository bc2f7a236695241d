import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readQueryParams } from "./query-params";

/** What URLSearchParams itself makes of a query, grouped by name as readQueryParams groups it. */
function standard(query: string): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(query))
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  return grouped;
}

// Pieces a hostile or unusual query is made of: separators, escapes good and bad, `+`, non-ASCII
// (including astral characters and lone surrogates) and plain text.
const queryPiece = fc.oneof(
  fc.constantFrom(
    "&",
    "=",
    "+",
    "%",
    "%2",
    "%zz",
    "%20",
    "%2B",
    "%26",
    "%3D",
    "%C3%A9",
    "%E2%82%AC",
    "%FF",
    "%C3",
  ),
  fc.constantFrom("é", "€", "😀", "\uD800", "\uDC00", "?", "#", " "),
  fc.string({ maxLength: 6 }),
);

describe("readQueryParams reads a query exactly as URLSearchParams does", () => {
  it("for any query string, with or without a leading ?", () => {
    fc.assert(
      fc.property(fc.array(queryPiece, { maxLength: 24 }), fc.boolean(), (pieces, question) => {
        const query = (question ? "?" : "") + pieces.join("");
        expect(readQueryParams({ query })).toEqual(standard(query));
      }),
      { numRuns: 2_000 },
    );
  });

  it("for the query of a URL, as the URL serialised it", () => {
    fc.assert(
      fc.property(fc.array(queryPiece, { maxLength: 24 }), (pieces) => {
        const url = new URL(`https://shop.example/apps/loyalty?${pieces.join("")}`);
        expect(readQueryParams({ url })).toEqual(standard(url.search));
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps repeated names in arrival order and empty values", () => {
    expect(readQueryParams({ query: "?a=1&b&a=2&&c=&a=x+y%2B" })).toEqual(
      new Map([
        ["a", ["1", "2", "x y+"]],
        ["b", [""]],
        ["c", [""]],
      ]),
    );
  });
});
