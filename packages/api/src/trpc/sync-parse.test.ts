import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseFrozen, parsedSynchronously } from "./sync-parse";

function countingSchema() {
  const counter = { parses: 0 };
  const schema = parsedSynchronously(
    z.object({
      n: z.number().transform((n) => {
        counter.parses++;
        return n;
      }),
      tags: z.array(z.object({ name: z.string() })),
    }),
  );
  return { schema, counter };
}

describe("parsedSynchronously", () => {
  it("parseAsync gives parse's result and parse's error", async () => {
    const { schema } = countingSchema();
    await expect(schema.parseAsync({ n: 1, tags: [], extra: true })).resolves.toEqual({ n: 1, tags: [] });
    await expect(schema.parseAsync({ n: "1", tags: [] })).rejects.toBeInstanceOf(z.ZodError);
  });
});

describe("parseFrozen", () => {
  it("validates once: the schema's own frozen output is not parsed again", async () => {
    const { schema, counter } = countingSchema();
    const output = parseFrozen(schema, { n: 1, tags: [{ name: "gold" }] });
    expect(counter.parses).toBe(1);
    expect(Object.isFrozen(output) && Object.isFrozen(output.tags) && Object.isFrozen(output.tags[0])).toBe(
      true,
    );
    expect(() => {
      (output.tags as { name: string }[]).push({ name: "x" });
    }).toThrow(TypeError);

    expect(await schema.parseAsync(output)).toBe(output);
    expect(counter.parses).toBe(1);
  });

  it("still parses anything else: an equal copy, or another schema's frozen output", async () => {
    const { schema, counter } = countingSchema();
    const other = countingSchema();
    const output = parseFrozen(schema, { n: 1, tags: [] });
    expect(await schema.parseAsync({ ...output })).not.toBe(output);
    expect(counter.parses).toBe(2);
    expect(await other.schema.parseAsync(output)).not.toBe(output);
    expect(other.counter.parses).toBe(1);
  });

  it("refuses invalid data like parse, and a schema not made by parsedSynchronously", () => {
    const { schema } = countingSchema();
    expect(() => parseFrozen(schema, { n: "one", tags: [] })).toThrow(z.ZodError);
    expect(() => parseFrozen(z.object({}), {})).toThrow(/parsedSynchronously/);
  });
});
