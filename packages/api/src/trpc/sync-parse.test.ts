import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseFrozen, parsedSynchronously, SERIALIZED_JSON } from "./sync-parse";

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

describe("a frozen output's JSON, serialised once", () => {
  const schema = parsedSynchronously(
    z.object({ name: z.string(), tags: z.array(z.string()), limit: z.number().nullable() }),
  );
  const data = { name: 'Gold "VIP" \u2603', tags: ["a", "b"], limit: null };

  async function body(router: ReturnType<typeof routerReturning>, path = "value") {
    const response = await fetchRequestHandler({
      endpoint: "/trpc",
      req: new Request(`http://test.local/trpc/${path}`),
      router,
      createContext: () => ({}),
    });
    return { status: response.status, text: await response.text() };
  }
  function routerReturning(value: () => z.output<typeof schema>, options: { transformer?: boolean } = {}) {
    const t = options.transformer
      ? initTRPC.create({
          transformer: { serialize: (v: unknown) => ({ wrapped: v }), deserialize: (v: unknown) => v },
        })
      : initTRPC.create();
    return t.router({ value: t.procedure.output(schema).query(value) });
  }

  it("is kept on the output, not enumerable, equal to JSON.stringify of it", () => {
    const output = parseFrozen(schema, data);
    expect(Object.keys(output)).toEqual(["name", "tags", "limit"]);
    expect((output as Record<symbol, unknown>)[SERIALIZED_JSON]).toBe(JSON.stringify(output));
  });

  it("is the body tRPC answers with: byte for byte what serialising the object gives", async () => {
    const frozen = parseFrozen(schema, data);
    const served = await body(routerReturning(() => frozen));
    const plain = await body(routerReturning(() => ({ ...data })));
    expect(served).toEqual({ status: 200, text: JSON.stringify({ result: { data } }) });
    expect(served).toEqual(plain);
  });

  it("is what the transport sends: the kept text, not a new serialisation (the patch is applied)", async () => {
    const t = initTRPC.create();
    const marked = Object.defineProperty({ name: "object" }, SERIALIZED_JSON, { value: '{"name":"kept"}' });
    const served = await body(t.router({ value: t.procedure.query(() => marked) }) as never);
    expect(served.text).toBe('{"result":{"data":{"name":"kept"}}}');
  });

  it("is not used under a transformer, which must see the object", async () => {
    const frozen = parseFrozen(schema, data);
    const served = await body(routerReturning(() => frozen, { transformer: true }));
    expect(JSON.parse(served.text)).toEqual({ result: { data: { wrapped: data } } });
  });
});
