/**
 * The rewards panel (panel.js), loaded by the launcher on first open: balance, tier and progress,
 * rewards with redeem, ways to earn, the referral link with share buttons, the codes and the
 * history. Plain DOM (see dom.ts): every value from the shop or the API goes in as text, never HTML.
 * The same content renders as a modal dialog (focus trapped, Escape closes) or inline on the
 * loyalty page block.
 */
import type { ApiClient, HistoryEntry, Profile, Redemption, Referral, Reward } from "./api";
import { createApiClient } from "./api";
import { CATALOGS } from "./catalogs";
import { h } from "./dom";
import type { ErrorContext, ShopperError } from "./errors";
import { describeError } from "./errors";
import { trapFocus } from "./focus-trap";
import type { Formatter } from "./format";
import { createFormatter } from "./format";
import type { Translator } from "./i18n";
import { createTranslator } from "./i18n";
import type { PanelContext, PanelModule } from "./panel-types";
import { PANEL_CSS } from "./panel-styles";
import type { RedeemEvent, RedeemState } from "./redeem-state";
import { IDLE, makeRequestKey, redeemReducer } from "./redeem-state";
import { copyText, shareLinks } from "./share";
import {
  historyLabel,
  rewardBlocker,
  rewardCost,
  signedPoints,
  tierSummary,
  visibleCodes,
} from "./view-model";

const SOCIAL_NETWORKS = [
  ["instagram", "Instagram"],
  ["facebook", "Facebook"],
  ["tiktok", "TikTok"],
  ["x", "X"],
  ["youtube", "YouTube"],
  ["pinterest", "Pinterest"],
] as const;
type ClaimAction = "birthday" | "newsletter" | "social";

interface State {
  loading: boolean;
  loadError: ShopperError | null;
  profile: Profile | null;
  referral: Referral | null;
  history: HistoryEntry[];
  historyCursor: number | null;
  codes: Redemption[];
  redeem: RedeemState;
  claims: Partial<Record<ClaimAction, { busy: boolean; ok?: string; error?: string }>>;
  birthday: string;
  network: string;
  joining: boolean;
  joinError: string | null;
}

class PanelApp {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly live: HTMLElement;
  private readonly t: Translator;
  private fmt: Formatter;
  private readonly api: ApiClient;
  private state: State = {
    loading: true,
    loadError: null,
    profile: null,
    referral: null,
    history: [],
    historyCursor: null,
    codes: [],
    redeem: IDLE,
    claims: {},
    birthday: "",
    network: "instagram",
    joining: false,
    joinError: null,
  };

  constructor(
    private readonly ctx: PanelContext,
    private readonly mode: "dialog" | "inline",
    private readonly onCloseClick: () => void,
  ) {
    const { boot, locale } = ctx;
    this.t = createTranslator({ locale, catalogs: CATALOGS, overrides: boot.settings.languages.overrides });
    this.fmt = createFormatter(this.t, boot.currency, null);
    this.api = createApiClient({ proxyPath: boot.proxyPath });
    const { branding } = boot.settings;
    const t = this.t.t;

    this.body = h("div", { class: "ln-body" });
    this.live = h("div", { class: "ln-sr", role: "status", "aria-live": "polite" });
    const title = h("h2", { id: "ln-title" }, t("panel.title"));
    const heading = h(
      "div",
      { style: "flex:1" },
      title,
      boot.customer?.firstName ? h("p", null, t("panel.greeting", { name: boot.customer.firstName })) : null,
    );
    const head = h(
      "div",
      { class: "ln-head" },
      heading,
      mode === "dialog"
        ? h(
            "button",
            { type: "button", class: "ln-close", "aria-label": t("panel.close"), onclick: onCloseClick },
            "\u00d7",
          )
        : null,
    );
    this.element = h(
      "div",
      mode === "dialog"
        ? {
            class: `ln-panel${branding.launcherPosition === "bottom_left" ? " ln-left" : ""}`,
            role: "dialog",
            "aria-modal": "true",
            "aria-labelledby": "ln-title",
            tabindex: "-1",
          }
        : { class: "ln-inline", role: "region", "aria-labelledby": "ln-title" },
      head,
      this.body,
      this.live,
    );
    this.element.dir = this.t.dir;
    this.element.lang = locale;
    this.element.style.setProperty("--ln-primary", branding.primaryColor);
    this.element.style.setProperty("--ln-accent", branding.accentColor);
    this.render();
    if (boot.customer) void this.load();
  }

  private get tr() {
    return this.t.t;
  }

  private set(patch: Partial<State>) {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  private announce(text: string) {
    this.live.textContent = "";
    // A fresh text node after a tick so screen readers announce a repeated message too.
    setTimeout(() => (this.live.textContent = text), 50);
  }

  private errorText(error: unknown, context: ErrorContext): { error: ShopperError; text: string } {
    const described = describeError(error, context);
    return { error: described, text: this.tr(described.key, described.vars) };
  }

  async load() {
    this.set({ loading: true, loadError: null });
    try {
      const profile = await this.api.profile();
      this.fmt = createFormatter(this.t, this.ctx.boot.currency, profile.pointsName);
      this.set({ profile, loading: false });
      if (profile.status === "member") await this.loadDetails();
    } catch (error) {
      this.set({ loading: false, loadError: describeError(error, "read") });
    }
  }

  /** The referral link, codes and history: after the profile, in parallel; failures leave a section empty. */
  private async loadDetails() {
    const [referral, codes, history] = await Promise.allSettled([
      this.api.referral(),
      this.api.redemptions({ limit: 10 }),
      this.api.history({ limit: 10 }),
    ]);
    this.set({
      referral: referral.status === "fulfilled" ? referral.value : null,
      codes: codes.status === "fulfilled" ? codes.value.items : [],
      history: history.status === "fulfilled" ? history.value.items : [],
      historyCursor: history.status === "fulfilled" ? history.value.nextCursor : null,
    });
  }

  private async refreshProfile() {
    try {
      const profile = await this.api.profile();
      this.set({ profile });
    } catch {
      // keep what is shown; the next open reloads
    }
  }

  // ——— redeem ———

  private dispatch(event: RedeemEvent, focus?: string) {
    this.state = { ...this.state, redeem: redeemReducer(this.state.redeem, event, () => makeRequestKey()) };
    this.render(focus);
  }

  private async submitRedeem() {
    const current = this.state.redeem;
    if (current.phase !== "submitting") return;
    const reward = this.state.profile?.rewards.find((r) => r.id === current.rewardId);
    try {
      const result = await this.api.redeem({
        rewardId: current.rewardId,
        requestKey: current.requestKey,
        ...(reward?.type === "points_for_money" ? { chosenPoints: current.points } : {}),
      });
      const profile = this.state.profile;
      if (profile)
        this.state.profile = { ...profile, balance: { ...profile.balance, available: result.balance } };
      this.dispatch({ type: "succeeded", result }, `code-${current.rewardId}`);
      this.announce(
        result.redemption.discountCode
          ? `${this.tr("panel.rewards.success", { reward: result.redemption.rewardName })}: ${result.redemption.discountCode}`
          : this.tr("panel.rewards.success_credit", { reward: result.redemption.rewardName }),
      );
      void this.refreshProfile();
      void this.loadDetails();
    } catch (error) {
      const { error: described, text } = this.errorText(error, "redeem");
      this.dispatch({ type: "failed", error: described }, `redeem-error-${current.rewardId}`);
      this.announce(text);
      if (described.key.endsWith("not_enough_points")) void this.refreshProfile();
    }
  }

  private confirmRedeem() {
    if (this.state.redeem.phase !== "confirming") return;
    this.dispatch({ type: "confirm" });
    void this.submitRedeem();
  }

  private retryRedeem() {
    this.dispatch({ type: "retry" });
    void this.submitRedeem();
  }

  // ——— earn ———

  private async claim(action: ClaimAction) {
    const claims = { ...this.state.claims, [action]: { busy: true } };
    this.set({ claims });
    try {
      const result = await this.api.claimAction(
        action === "birthday"
          ? { action, birthday: this.state.birthday }
          : action === "social"
            ? { action, network: this.state.network as "instagram" }
            : { action },
      );
      const ok = this.tr(`panel.earn.${result.outcome}`, { points: this.fmt.points(result.points) });
      const profile = this.state.profile;
      this.set({
        claims: { ...this.state.claims, [action]: { busy: false, ok } },
        profile: profile
          ? { ...profile, balance: { ...profile.balance, available: result.balance } }
          : profile,
      });
      this.announce(ok);
      if (result.outcome === "awarded") void this.loadDetails();
    } catch (error) {
      const { text } = this.errorText(error, "claim");
      this.set({ claims: { ...this.state.claims, [action]: { busy: false, error: text } } });
      this.announce(text);
    }
  }

  private async joinProgramme() {
    this.set({ joining: true, joinError: null });
    try {
      await this.api.join();
      this.set({ joining: false });
      this.announce(this.tr("panel.status.joined"));
      await this.load();
    } catch (error) {
      this.set({ joining: false, joinError: this.errorText(error, "join").text });
    }
  }

  private async moreHistory() {
    if (this.state.historyCursor === null) return;
    try {
      const page = await this.api.history({ cursor: this.state.historyCursor, limit: 20 });
      this.set({ history: [...this.state.history, ...page.items], historyCursor: page.nextCursor });
    } catch (error) {
      this.announce(this.errorText(error, "read").text);
    }
  }

  private async copy(text: string, button: HTMLButtonElement, doneKey: string) {
    if (await copyText(text, this.element.ownerDocument)) {
      const label = this.tr(doneKey);
      button.textContent = label;
      this.announce(label);
    }
  }

  // ——— rendering ———

  /** Re-renders the body; focus goes back to the control with the same `data-fid` (or `focusId`). */
  private render(focusId?: string) {
    const active = (this.ctx.root.activeElement ?? null) as HTMLElement | null;
    const keep = focusId ?? (active && this.body.contains(active) ? active.dataset.fid : undefined);
    this.body.replaceChildren(...this.content().filter((node): node is Node => node !== null));
    this.body.setAttribute("aria-busy", String(this.state.loading));
    if (keep) this.body.querySelector<HTMLElement>(`[data-fid="${keep}"]`)?.focus();
  }

  private content(): (Node | null)[] {
    const t = this.tr;
    const { boot } = this.ctx;
    const { state } = this;
    if (!boot.customer) {
      return [
        h(
          "div",
          { class: "ln-section" },
          h("h3", null, t("panel.guest.title")),
          h("p", null, t("panel.guest.body")),
          h(
            "div",
            { class: "ln-actions" },
            h("a", { class: "ln-btn", href: boot.routes.register }, t("panel.guest.register")),
            h("a", { class: "ln-btn ln-ghost", href: boot.routes.login }, t("panel.guest.sign_in")),
          ),
        ),
      ];
    }
    if (state.loading && !state.profile) return [h("p", { class: "ln-muted" }, t("panel.loading"))];
    if (state.loadError || !state.profile) {
      const error = state.loadError;
      return [
        h("p", { class: "ln-error", role: "alert" }, t(error?.key ?? "panel.errors.generic", error?.vars)),
        error?.retry === "no"
          ? null
          : h(
              "button",
              { type: "button", class: "ln-btn", "data-fid": "reload", onclick: () => void this.load() },
              t("panel.retry"),
            ),
      ];
    }
    const profile = state.profile;
    switch (profile.status) {
      case "programme_off":
      case "excluded":
        return [h("p", null, t(`panel.status.${profile.status}`))];
      case "unknown_customer":
        return [
          h("p", null, t("panel.status.unknown_customer")),
          h(
            "button",
            { type: "button", class: "ln-btn", "data-fid": "reload", onclick: () => void this.load() },
            t("panel.retry"),
          ),
        ];
      case "not_member":
        return [
          h(
            "div",
            { class: "ln-section" },
            h("p", null, t("panel.status.not_member")),
            h(
              "button",
              {
                type: "button",
                class: "ln-btn",
                "data-fid": "join",
                disabled: state.joining,
                onclick: () => void this.joinProgramme(),
              },
              t("panel.status.join"),
            ),
            state.joinError ? h("p", { class: "ln-error", role: "alert" }, state.joinError) : null,
          ),
        ];
      case "member":
        return [
          this.balanceSection(profile),
          this.rewardsSection(profile),
          this.earnSection(),
          this.referralSection(),
          this.historySection(),
        ];
    }
  }

  private balanceSection(profile: Profile) {
    const t = this.tr;
    const tier = tierSummary(profile, this.t, this.fmt, this.ctx.boot.currency);
    return h(
      "section",
      { class: "ln-section", "aria-labelledby": "ln-balance" },
      h("h3", { id: "ln-balance" }, t("panel.balance.title")),
      h("p", { class: "ln-balance", "data-testid": "balance" }, this.fmt.points(profile.balance.available)),
      profile.balance.pending > 0
        ? h(
            "p",
            { class: "ln-muted" },
            t("panel.balance.pending", { points: this.fmt.points(profile.balance.pending) }),
          )
        : null,
      h("p", { style: "margin:8px 0 0;font-weight:600" }, tier.current),
      tier.percent !== null
        ? h(
            "div",
            {
              class: "ln-bar",
              role: "progressbar",
              "aria-label": tier.label,
              "aria-valuemin": 0,
              "aria-valuemax": 100,
              "aria-valuenow": tier.percent,
            },
            h("span", { style: `inline-size:${tier.percent}%` }),
          )
        : null,
      tier.next ? h("p", { class: "ln-muted" }, tier.next) : null,
    );
  }

  private rewardsSection(profile: Profile) {
    const t = this.tr;
    const codes = visibleCodes(this.state.codes);
    return h(
      "section",
      { class: "ln-section", "aria-labelledby": "ln-rewards" },
      h("h3", { id: "ln-rewards" }, t("panel.rewards.title")),
      profile.rewards.length === 0
        ? h("p", { class: "ln-muted" }, t("panel.rewards.empty"))
        : h(
            "ul",
            { class: "ln-list" },
            profile.rewards.map((reward) => this.rewardCard(reward)),
          ),
      codes.length > 0
        ? h(
            "div",
            null,
            h("h4", null, t("panel.rewards.your_codes")),
            h(
              "ul",
              { class: "ln-list" },
              codes.map((r) =>
                h(
                  "li",
                  { class: "ln-card" },
                  h(
                    "div",
                    { class: "ln-card-row" },
                    h("span", { class: "ln-code" }, r.discountCode),
                    r.rewardName,
                  ),
                  h(
                    "p",
                    { class: "ln-muted" },
                    t(`panel.rewards.status_${r.status}`),
                    r.expiresAt && r.status === "issued"
                      ? ` · ${t("panel.rewards.expires", { date: this.fmt.date(r.expiresAt) })}`
                      : "",
                  ),
                ),
              ),
            ),
          )
        : null,
    );
  }

  private rewardCard(reward: Reward) {
    const t = this.tr;
    const redeem = this.state.redeem;
    const mine = redeem.phase !== "idle" && redeem.rewardId === reward.id;
    const blocker = rewardBlocker(reward, this.t, this.fmt);
    const reasonId = `ln-reason-${reward.id}`;
    const card = h(
      "li",
      { class: "ln-card", "data-reward-id": reward.id },
      h(
        "div",
        { class: "ln-card-row" },
        h(
          "div",
          null,
          h("h4", null, reward.name),
          h("p", { class: "ln-muted" }, rewardCost(reward, this.fmt)),
          reward.minOrderMinor !== null
            ? h(
                "p",
                { class: "ln-muted" },
                t("panel.rewards.min_order", { amount: this.fmt.money(reward.minOrderMinor) }),
              )
            : null,
          blocker ? h("p", { class: "ln-reason", id: reasonId }, blocker) : null,
        ),
        mine
          ? null
          : h(
              "button",
              {
                type: "button",
                class: "ln-btn",
                "data-fid": `redeem-${reward.id}`,
                disabled: !reward.affordable || redeem.phase === "submitting",
                "aria-label": t("panel.rewards.redeem_named", { reward: reward.name }),
                "aria-describedby": blocker ? reasonId : null,
                onclick: () =>
                  this.dispatch(
                    {
                      type: "choose",
                      rewardId: reward.id,
                      points:
                        reward.type === "points_for_money"
                          ? (reward.maxPoints ?? reward.pointsCost)
                          : reward.pointsCost,
                    },
                    `confirm-${reward.id}`,
                  ),
              },
              t("panel.rewards.redeem"),
            ),
      ),
    );
    if (mine) card.append(this.redeemFlow(reward, redeem));
    return card;
  }

  private redeemFlow(reward: Reward, redeem: Exclude<RedeemState, { phase: "idle" }>) {
    const t = this.tr;
    const id = reward.id;
    switch (redeem.phase) {
      case "confirming":
      case "submitting": {
        const busy = redeem.phase === "submitting";
        const chooser =
          reward.type === "points_for_money" && reward.maxPoints !== null
            ? h(
                "div",
                { class: "ln-field" },
                h(
                  "div",
                  null,
                  h("label", { for: `ln-points-${id}` }, t("panel.rewards.choose_points")),
                  h("input", {
                    id: `ln-points-${id}`,
                    class: "ln-input",
                    type: "number",
                    inputmode: "numeric",
                    min: reward.pointsCost,
                    max: reward.maxPoints,
                    value: redeem.points,
                    disabled: busy,
                    onchange: (event: Event) => {
                      const value = Math.round(Number((event.target as HTMLInputElement).value));
                      if (Number.isFinite(value) && value > 0)
                        this.dispatch({ type: "set_points", points: value });
                    },
                  }),
                ),
              )
            : null;
        return h(
          "div",
          { role: "group", "aria-label": t("panel.rewards.redeem_named", { reward: reward.name }) },
          chooser,
          h(
            "p",
            null,
            t("panel.rewards.confirm", { points: this.fmt.points(redeem.points), reward: reward.name }),
          ),
          h(
            "div",
            { class: "ln-actions" },
            h(
              "button",
              {
                type: "button",
                class: "ln-btn",
                "data-fid": `confirm-${id}`,
                disabled: busy,
                "aria-busy": busy ? "true" : null,
                onclick: () => this.confirmRedeem(),
              },
              busy ? t("panel.rewards.redeeming") : t("panel.rewards.confirm_yes"),
            ),
            busy
              ? null
              : h(
                  "button",
                  {
                    type: "button",
                    class: "ln-btn ln-ghost",
                    "data-fid": `cancel-${id}`,
                    onclick: () => this.dispatch({ type: "cancel" }, `redeem-${id}`),
                  },
                  t("panel.rewards.cancel"),
                ),
          ),
        );
      }
      case "success": {
        const { redemption } = redeem.result;
        const done = h(
          "button",
          {
            type: "button",
            class: "ln-btn ln-ghost",
            "data-fid": `done-${id}`,
            onclick: () => this.dispatch({ type: "dismiss" }, `redeem-${id}`),
          },
          t("panel.rewards.done"),
        );
        if (!redemption.discountCode)
          return h(
            "div",
            null,
            h(
              "p",
              { class: "ln-ok", "data-fid": `code-${id}`, tabindex: "-1" },
              t("panel.rewards.success_credit", { reward: redemption.rewardName }),
            ),
            h("div", { class: "ln-actions" }, done),
          );
        const code = redemption.discountCode;
        const copy: HTMLButtonElement = h(
          "button",
          {
            type: "button",
            class: "ln-btn",
            onclick: () => void this.copy(code, copy, "panel.rewards.copied"),
          },
          t("panel.rewards.copy_code"),
        );
        return h(
          "div",
          { class: "ln-card", style: "margin:10px 0 0;background:var(--ln-soft)" },
          h(
            "p",
            { class: "ln-ok", style: "margin:0 0 6px" },
            t("panel.rewards.success", { reward: redemption.rewardName }),
          ),
          h(
            "div",
            { class: "ln-card-row" },
            h(
              "output",
              { class: "ln-code", "data-testid": "reward-code", "data-fid": `code-${id}`, tabindex: "-1" },
              code,
            ),
            copy,
          ),
          redemption.expiresAt
            ? h(
                "p",
                { class: "ln-muted" },
                t("panel.rewards.expires", { date: this.fmt.date(redemption.expiresAt) }),
              )
            : null,
          h("div", { class: "ln-actions" }, done),
        );
      }
      case "error":
        return h(
          "div",
          null,
          h(
            "p",
            { class: "ln-error", role: "alert", "data-fid": `redeem-error-${id}`, tabindex: "-1" },
            t(redeem.error.key, redeem.error.vars),
          ),
          h(
            "div",
            { class: "ln-actions" },
            redeem.error.retry === "no"
              ? null
              : h(
                  "button",
                  {
                    type: "button",
                    class: "ln-btn",
                    "data-fid": `retry-${id}`,
                    onclick: () => this.retryRedeem(),
                  },
                  t("panel.retry"),
                ),
            h(
              "button",
              {
                type: "button",
                class: "ln-btn ln-ghost",
                "data-fid": `dismiss-${id}`,
                onclick: () => this.dispatch({ type: "dismiss" }, `redeem-${id}`),
              },
              t("panel.rewards.cancel"),
            ),
          ),
        );
    }
  }

  private claimResult(action: ClaimAction) {
    const claim = this.state.claims[action];
    if (!claim) return null;
    if (claim.error) return h("p", { class: "ln-error", role: "alert" }, claim.error);
    if (claim.ok) return h("p", { class: "ln-ok" }, claim.ok);
    return null;
  }

  private earnSection() {
    const t = this.tr;
    const busy = (action: ClaimAction) => this.state.claims[action]?.busy === true;
    const networkName = SOCIAL_NETWORKS.find(([id]) => id === this.state.network)?.[1] ?? "";
    const socialButton: HTMLButtonElement = h(
      "button",
      {
        type: "button",
        class: "ln-btn",
        "data-fid": "claim-social",
        disabled: busy("social"),
        onclick: () => void this.claim("social"),
      },
      t("panel.earn.social_claim", { network: networkName }),
    );
    const today = new Date().toISOString().slice(0, 10);
    return h(
      "section",
      { class: "ln-section", "aria-labelledby": "ln-earn" },
      h("h3", { id: "ln-earn" }, t("panel.earn.title")),
      h(
        "div",
        { class: "ln-card" },
        h("h4", null, t("panel.earn.birthday_title")),
        h("p", { class: "ln-muted" }, t("panel.earn.birthday_body")),
        h(
          "div",
          { class: "ln-field" },
          h(
            "div",
            null,
            h("label", { for: "ln-birthday" }, t("panel.earn.birthday_label")),
            h("input", {
              id: "ln-birthday",
              class: "ln-input",
              type: "date",
              max: today,
              value: this.state.birthday,
              "data-fid": "birthday",
              oninput: (event: Event) => (this.state.birthday = (event.target as HTMLInputElement).value),
            }),
          ),
          h(
            "button",
            {
              type: "button",
              class: "ln-btn",
              "data-fid": "claim-birthday",
              disabled: busy("birthday"),
              onclick: () => void this.claim("birthday"),
            },
            t("panel.earn.birthday_save"),
          ),
        ),
        this.claimResult("birthday"),
      ),
      h(
        "div",
        { class: "ln-card" },
        h("h4", null, t("panel.earn.newsletter_title")),
        h("p", { class: "ln-muted" }, t("panel.earn.newsletter_body")),
        h(
          "button",
          {
            type: "button",
            class: "ln-btn",
            "data-fid": "claim-newsletter",
            disabled: busy("newsletter"),
            onclick: () => void this.claim("newsletter"),
          },
          t("panel.earn.newsletter_claim"),
        ),
        this.claimResult("newsletter"),
      ),
      h(
        "div",
        { class: "ln-card" },
        h("h4", null, t("panel.earn.social_title")),
        h("p", { class: "ln-muted" }, t("panel.earn.social_body")),
        h(
          "div",
          { class: "ln-field" },
          h(
            "select",
            {
              class: "ln-input",
              "aria-label": t("panel.earn.social_title"),
              "data-fid": "network",
              onchange: (event: Event) => {
                this.state.network = (event.target as HTMLSelectElement).value;
                const name = SOCIAL_NETWORKS.find(([id]) => id === this.state.network)?.[1] ?? "";
                socialButton.textContent = t("panel.earn.social_claim", { network: name });
              },
            },
            SOCIAL_NETWORKS.map(([id, name]) =>
              h("option", { value: id, selected: id === this.state.network }, name),
            ),
          ),
          socialButton,
        ),
        this.claimResult("social"),
      ),
    );
  }

  private referralSection() {
    const t = this.tr;
    const referral = this.state.referral;
    const section = h(
      "section",
      { class: "ln-section", "aria-labelledby": "ln-referral" },
      h("h3", { id: "ln-referral" }, t("panel.referral.title")),
    );
    if (!referral?.shareUrl) {
      section.append(h("p", { class: "ln-muted" }, t("panel.referral.unavailable")));
      return section;
    }
    const url = referral.shareUrl;
    const shop = this.ctx.boot.shopName;
    const links = shareLinks(
      t("panel.referral.message", { shop, url }),
      t("panel.referral.subject", { shop }),
    );
    const copy: HTMLButtonElement = h(
      "button",
      {
        type: "button",
        class: "ln-btn",
        "data-fid": "copy-link",
        onclick: () => void this.copy(url, copy, "panel.referral.copied"),
      },
      t("panel.referral.copy"),
    );
    const share = (href: string, key: string) =>
      h(
        "a",
        {
          class: "ln-btn ln-ghost",
          href,
          target: href.startsWith("https:") ? "_blank" : null,
          rel: "noopener noreferrer",
          "aria-label": t("panel.referral.share_via", { channel: t(key) }),
        },
        t(key),
      );
    const stats = referral.stats;
    section.append(
      h("p", { class: "ln-muted" }, t("panel.referral.body")),
      h(
        "div",
        { class: "ln-field" },
        h(
          "div",
          { style: "flex:1;min-width:0" },
          h("label", { for: "ln-ref-link" }, t("panel.referral.link_label")),
          h("input", {
            id: "ln-ref-link",
            class: "ln-input",
            style: "width:100%",
            readonly: true,
            value: url,
            dir: "ltr",
            onfocus: (event: Event) => (event.target as HTMLInputElement).select(),
          }),
        ),
        copy,
      ),
      h(
        "div",
        { class: "ln-actions" },
        share(links.email, "panel.referral.email"),
        share(links.sms, "panel.referral.sms"),
        share(links.whatsapp, "panel.referral.whatsapp"),
      ),
      h(
        "p",
        { class: "ln-muted" },
        t("panel.referral.stats", {
          completed: stats.completed,
          pending: stats.pending,
          points: this.fmt.points(stats.pointsEarned),
        }),
      ),
    );
    return section;
  }

  private historySection() {
    const t = this.tr;
    const { history, historyCursor } = this.state;
    return h(
      "section",
      { class: "ln-section", "aria-labelledby": "ln-history" },
      h("h3", { id: "ln-history" }, t("panel.history.title")),
      history.length === 0
        ? h("p", { class: "ln-muted" }, t("panel.history.empty"))
        : h(
            "ul",
            { class: "ln-list ln-history" },
            history.map((entry) =>
              h(
                "li",
                null,
                h(
                  "div",
                  null,
                  h("div", null, historyLabel(entry, this.t)),
                  h(
                    "div",
                    { class: "ln-muted" },
                    entry.status === "pending" && entry.availableAt
                      ? t("panel.history.pending_until", { date: this.fmt.date(entry.availableAt) })
                      : this.fmt.date(entry.occurredAt),
                  ),
                ),
                h(
                  "span",
                  { class: entry.amount < 0 ? "ln-minus" : "ln-plus", dir: "ltr" },
                  signedPoints(entry.amount, this.fmt),
                ),
              ),
            ),
          ),
      historyCursor !== null
        ? h(
            "button",
            {
              type: "button",
              class: "ln-btn ln-ghost",
              "data-fid": "more",
              onclick: () => void this.moreHistory(),
            },
            t("panel.history.more"),
          )
        : null,
    );
  }
}

function styleElement() {
  return h("style", null, PANEL_CSS);
}

export const openPanel: PanelModule["openPanel"] = (context) => {
  const { root } = context;
  if (!root.querySelector("style[data-ln-panel]")) {
    const style = styleElement();
    style.setAttribute("data-ln-panel", "");
    root.append(style);
  }
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    removeTrap();
    document.removeEventListener("pointerdown", onOutside, true);
    app.element.remove();
    context.onClose();
  };
  const app = new PanelApp(context, "dialog", close);
  const onOutside = (event: Event) => {
    if (!event.composedPath().includes(root.host)) close();
  };
  app.element.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  });
  root.append(app.element);
  const removeTrap = trapFocus(app.element, root);
  document.addEventListener("pointerdown", onOutside, true);
  app.element.focus();
  return close;
};

export const mountInline: PanelModule["mountInline"] = (context) => {
  const { container } = context;
  const root = container.shadowRoot ?? container.attachShadow({ mode: "open" });
  const app = new PanelApp({ ...context, root }, "inline", () => {});
  root.replaceChildren(styleElement(), app.element);
};
