import { describe, expect, it } from "vitest";
import { REQUEST_KEY, newRequestKey } from "./keys";
import { describeAction, describeResult, reasonLabel, summarizeSync } from "./messages";
import { toMinorUnits } from "./money";
import type { ResultEntry } from "./offline-queue";
import { memoryStorage, webStorage } from "./storage";

describe("request keys", () => {
  it("are valid for the API and unique", () => {
    const keys = new Set(Array.from({ length: 500 }, () => newRequestKey("off-earn")));
    expect(keys.size).toBe(500);
    for (const key of keys) expect(key).toMatch(REQUEST_KEY);
  });
});

describe("money", () => {
  it("turns POS cart amounts into minor units by currency", () => {
    expect(toMinorUnits("42.50", "USD")).toBe(4250);
    expect(toMinorUnits("1,234.5", "EUR")).toBe(123450);
    expect(toMinorUnits("1200", "JPY")).toBe(1200);
    expect(toMinorUnits("n/a", "USD")).toBeUndefined();
    expect(toMinorUnits(undefined, "USD")).toBeUndefined();
  });
});

describe("messages", () => {
  const result = (
    status: "applied" | "duplicate" | "refused",
    extra: Partial<ResultEntry["result"]> = {},
  ) => ({
    key: "k",
    type: "redeem" as const,
    status,
    reason: null,
    message: null,
    pointsDelta: 0,
    discountCode: null,
    balance: null,
    ...extra,
  });

  it("names each result for the associate, refusals with their reason", () => {
    expect(describeResult(result("applied", { discountCode: "LN-1" }))).toMatchObject({
      label: "Applied",
      tone: "success",
      detail: "Code LN-1",
    });
    expect(describeResult(result("duplicate"))).toMatchObject({ label: "Already applied", tone: "info" });
    expect(
      describeResult(
        result("refused", { reason: "insufficient_points", message: "You need 300 more points." }),
      ),
    ).toEqual({
      label: "Refused: insufficient points",
      tone: "critical",
      detail: "You need 300 more points.",
    });
    expect(reasonLabel("insufficient_points,below_minimum_order")).toBe(
      "insufficient points; the order is below the reward's minimum",
    );
    expect(reasonLabel("something_new")).toBe("something new");
  });

  it("describes queued actions and sums up a sync", () => {
    const earn = {
      action: { type: "earn" as const, key: "k", recordedAt: "", customerId: 1, points: 50, reason: "Bag" },
      meta: { customerName: "Ada" },
    };
    expect(describeAction(earn)).toBe("Award 50 points to Ada (Bag)");
    const entries = (["applied", "applied", "refused"] as const).map((status) => ({
      key: "k",
      action: earn.action,
      meta: earn.meta,
      syncedAt: "",
      result: result(status),
    }));
    expect(summarizeSync(entries)).toBe("Offline actions synced: 2 applied, 1 refused.");
  });
});

describe("storage adapters", () => {
  it("memory and localStorage-like stores round-trip JSON and list only their own keys", async () => {
    const backing = new Map<string, string>([["other", "1"]]);
    const fakeLocal = {
      get length() {
        return backing.size;
      },
      key: (i: number) => [...backing.keys()][i] ?? null,
      getItem: (k: string) => backing.get(k) ?? null,
      setItem: (k: string, v: string) => void backing.set(k, v),
      removeItem: (k: string) => void backing.delete(k),
      clear: () => backing.clear(),
    } as Storage;
    for (const store of [memoryStorage(), webStorage(fakeLocal, "ln:")]) {
      await store.set("queue:a", { seq: 1 });
      expect(await store.get("queue:a")).toEqual({ seq: 1 });
      expect(await store.entries()).toEqual([["queue:a", { seq: 1 }]]);
      expect(await store.delete("queue:a")).toBe(true);
      expect(await store.delete("queue:a")).toBe(false);
      expect(await store.get("queue:a")).toBeUndefined();
    }
    expect(backing.get("other")).toBe("1");
  });
});
