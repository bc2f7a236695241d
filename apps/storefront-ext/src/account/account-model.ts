import type { ApiClient, HistoryEntry, HistoryPage, Profile, Redemption, Referral } from "../widget/api";
import type { ShopperError } from "../widget/errors";
import { describeError } from "../widget/errors";
import type { Formatter } from "../widget/format";
import type { Translator } from "../widget/i18n";
import { historyLabel, signedPoints, visibleCodes } from "../widget/view-model";
import { createStore } from "../ui-ext/signals";

/**
 * The customer-account loyalty page's data: profile (balance, tier, rewards), the shopper's codes,
 * history a page at a time, and the referral link — loaded together, refreshed after a
 * redemption or joining. Framework-free (a store the Preact page renders), tested with vitest.
 */
export interface AccountState {
  phase: "loading" | "ready" | "error";
  profile: Profile | null;
  codes: Redemption[];
  history: HistoryEntry[];
  historyCursor: number | null;
  loadingMore: boolean;
  referral: Referral | null;
  error: ShopperError | null;
  joining: boolean;
}

export const HISTORY_PAGE = 10;

export class AccountController {
  readonly store = createStore<AccountState>({
    phase: "loading",
    profile: null,
    codes: [],
    history: [],
    historyCursor: null,
    loadingMore: false,
    referral: null,
    error: null,
    joining: false,
  });

  constructor(private readonly api: ApiClient) {}

  async load(): Promise<void> {
    try {
      const [profile, codes, history] = await Promise.all([
        this.api.profile(),
        this.api.redemptions({ limit: 20 }),
        this.api.history({ limit: HISTORY_PAGE }),
      ]);
      this.store.setState((s) => ({
        ...s,
        phase: "ready",
        profile,
        codes: codes.items,
        history: history.items,
        historyCursor: history.nextCursor,
        error: null,
      }));
    } catch (error) {
      this.store.setState((s) => ({ ...s, phase: "error", error: describeError(error, "read") }));
      return;
    }
    // The referral link is secondary: the page shows without it.
    try {
      const referral = await this.api.referral();
      this.store.setState((s) => ({ ...s, referral }));
    } catch {
      // keep null
    }
  }

  async more(): Promise<void> {
    const { historyCursor, loadingMore } = this.store.getState();
    if (historyCursor === null || loadingMore) return;
    this.store.setState((s) => ({ ...s, loadingMore: true }));
    let page: HistoryPage | null = null;
    try {
      page = await this.api.history({ cursor: historyCursor, limit: HISTORY_PAGE });
    } catch {
      page = null;
    }
    this.store.setState((s) =>
      page
        ? {
            ...s,
            loadingMore: false,
            history: appendUnique(s.history, page.items),
            historyCursor: page.nextCursor,
          }
        : { ...s, loadingMore: false },
    );
  }

  async join(): Promise<void> {
    this.store.setState((s) => ({ ...s, joining: true }));
    try {
      await this.api.join();
      await this.load();
    } catch (error) {
      this.store.setState((s) => ({ ...s, error: describeError(error, "join") }));
    } finally {
      this.store.setState((s) => ({ ...s, joining: false }));
    }
  }
}

function appendUnique(current: HistoryEntry[], next: HistoryEntry[]): HistoryEntry[] {
  const seen = new Set(current.map((e) => e.id));
  return [...current, ...next.filter((e) => !seen.has(e.id))];
}

export interface HistoryLine {
  id: number;
  label: string;
  points: string;
  date: string;
  /** "Pending until …" for points not spendable yet; "" otherwise. */
  note: string;
  tone: "success" | "critical" | "neutral";
}

export function historyLines(entries: readonly HistoryEntry[], t: Translator, fmt: Formatter): HistoryLine[] {
  return entries
    .filter((e) => e.status !== "void")
    .map((e) => ({
      id: e.id,
      label: historyLabel(e, t),
      points: signedPoints(e.amount, fmt),
      date: fmt.date(e.occurredAt),
      note:
        e.status === "pending" && e.availableAt
          ? t.t("panel.history.pending_until", { date: fmt.date(e.availableAt) })
          : "",
      tone: e.amount < 0 ? "critical" : e.status === "pending" ? "neutral" : "success",
    }));
}

/** The codes worth listing: issued (ready) first, then used; released ones have no code. */
export function codeLines(items: readonly Redemption[], t: Translator, fmt: Formatter) {
  return visibleCodes([...items])
    .sort((a, b) => (a.status === b.status ? b.id - a.id : a.status === "issued" ? -1 : 1))
    .map((r) => ({
      id: r.id,
      reward: r.rewardName,
      code: r.discountCode!,
      status: t.t(`panel.rewards.status_${r.status}`),
      expires:
        r.expiresAt && r.status === "issued"
          ? t.t("panel.rewards.expires", { date: fmt.date(r.expiresAt) })
          : "",
      usable: r.status === "issued",
    }));
}
