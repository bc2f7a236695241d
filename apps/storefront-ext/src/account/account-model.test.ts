import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../widget/api";
import type { ApiClient } from "../widget/api";
import { createFormatter } from "../widget/format";
import { entry, profile, redemption } from "../ui-ext/fixtures.test-support";
import { extensionTranslator } from "../ui-ext/i18n";
import { ACCOUNT_CATALOGS } from "./catalogs";
import { AccountController, codeLines, historyLines } from "./account-model";

function api(overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    profile: async () => profile(),
    history: async () => ({ items: [entry({ id: 3 }), entry({ id: 2 })], nextCursor: 2 }),
    redemptions: async () => ({ items: [redemption()], nextCursor: null }),
    referral: async () => ({
      code: "DANA1",
      shareUrl: "https://shop.example/?ref=DANA1",
      stats: { visits: 1, completed: 0, pending: 0, pointsEarned: 0 },
    }),
    redeem: vi.fn(),
    claimAction: vi.fn(),
    join: vi.fn(async () => ({}) as never),
    ...overrides,
  };
}

describe("the account page's data", () => {
  it("loads profile, codes, the first history page and the referral link", async () => {
    const controller = new AccountController(api());
    await controller.load();
    expect(controller.store.getState()).toMatchObject({
      phase: "ready",
      historyCursor: 2,
      referral: { code: "DANA1" },
      codes: [{ discountCode: "LN-ABC123" }],
    });
  });

  it("pages the history and never repeats an entry", async () => {
    const history = vi
      .fn()
      .mockResolvedValueOnce({ items: [entry({ id: 3 }), entry({ id: 2 })], nextCursor: 2 })
      .mockResolvedValueOnce({ items: [entry({ id: 2 }), entry({ id: 1 })], nextCursor: null });
    const controller = new AccountController(api({ history }));
    await controller.load();
    await controller.more();
    expect(history).toHaveBeenLastCalledWith({ cursor: 2, limit: 10 });
    expect(controller.store.getState().history.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(controller.store.getState().historyCursor).toBeNull();
  });

  it("shows a translated error when the profile cannot load, and the page without a referral link when that fails", async () => {
    const signedOut = new AccountController(
      api({ profile: () => Promise.reject(new ApiError("x", "UNAUTHORIZED", 401)) }),
    );
    await signedOut.load();
    expect(signedOut.store.getState()).toMatchObject({
      phase: "error",
      error: { key: "panel.errors.signed_out" },
    });
    const noReferral = new AccountController(api({ referral: () => Promise.reject(new Error("x")) }));
    await noReferral.load();
    expect(noReferral.store.getState()).toMatchObject({ phase: "ready", referral: null });
  });

  it("joins an opt-in programme, then reloads", async () => {
    const profileFn = vi
      .fn()
      .mockResolvedValueOnce(profile({ status: "not_member" }))
      .mockResolvedValue(profile());
    const client = api({ profile: profileFn });
    const controller = new AccountController(client);
    await controller.load();
    await controller.join();
    expect(client.join).toHaveBeenCalled();
    expect(controller.store.getState().profile?.status).toBe("member");
  });
});

describe("the account page's words", () => {
  const t = extensionTranslator("fr-CA", ACCOUNT_CATALOGS);
  const fmt = createFormatter(t, "EUR", null);

  it("uses the buyer's language with the shared and the extension's own words", () => {
    expect(t.locale).toBe("fr");
    expect(t.t("account.title")).toBe("Récompenses");
    expect(t.t("panel.history.title")).not.toBe("panel.history.title");
    expect(extensionTranslator("he", ACCOUNT_CATALOGS).dir).toBe("rtl");
    expect(extensionTranslator("pt-BR", ACCOUNT_CATALOGS).t("account.title")).toBe("Rewards");
  });

  it("formats history lines: signed points, pending until a date, void entries hidden", () => {
    const lines = historyLines(
      [
        entry({ id: 3, kind: "redeem", amount: -500, description: "Reward redeemed" }),
        entry({ id: 2, status: "pending", availableAt: "2026-04-01T00:00:00Z" }),
        entry({ id: 1, status: "void" }),
      ],
      t,
      fmt,
    );
    expect(lines.map((l) => [l.id, l.points, l.tone])).toEqual([
      [3, "\u2212500", "critical"],
      [2, "+800", "neutral"],
    ]);
    expect(lines[1]!.note).toMatch(/1 avr/);
  });

  it("lists usable codes first, then used ones", () => {
    const lines = codeLines(
      [
        redemption({ id: 1, status: "used", discountCode: "OLD" }),
        redemption({ id: 2, discountCode: "NEW" }),
        redemption({ id: 3, status: "released", discountCode: null }),
      ],
      t,
      fmt,
    );
    expect(lines.map((l) => [l.code, l.usable])).toEqual([
      ["NEW", true],
      ["OLD", false],
    ]);
  });
});
