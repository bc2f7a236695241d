import { describe, expect, it } from "vitest";
import { LocalMemo } from "./local-memo";

describe("LocalMemo", () => {
  it("serves a value from memory until it is forgotten or its life ends", async () => {
    let clock = 0;
    let loads = 0;
    const memo = new LocalMemo<{ version: number }>(5_000, 10, () => clock);
    const load = async () => ({ version: ++loads });
    expect(await memo.get("catalog:1", load)).toEqual({ version: 1 });
    clock = 4_999;
    expect(await memo.get("catalog:1", load)).toEqual({ version: 1 });
    memo.forget("catalog:1");
    expect(await memo.get("catalog:1", load)).toEqual({ version: 2 });
    clock = 4_999 + 5_000;
    expect(await memo.get("catalog:1", load)).toEqual({ version: 3 });
  });

  it("shares one load between concurrent misses and keeps no failure", async () => {
    const memo = new LocalMemo<string>(5_000);
    let loads = 0;
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++loads}`), 20));
    expect(await Promise.all([memo.get("k", slow), memo.get("k", slow)])).toEqual(["v1", "v1"]);
    memo.forget("k");
    await expect(memo.get("k", () => Promise.reject(new Error("database down")))).rejects.toThrow("down");
    expect(await memo.get("k", slow)).toBe("v2");
  });

  it("holds at most its bound of keys, dropping the oldest", async () => {
    const memo = new LocalMemo<string>(5_000, 2);
    let loads = 0;
    const load = async () => `v${++loads}`;
    await memo.get("a", load);
    await memo.get("b", load);
    await memo.get("c", load);
    expect(await memo.get("b", load)).toBe("v2");
    expect(await memo.get("a", load)).toBe("v4");
  });
});
