import { useEffect, useMemo } from "preact/hooks";
import type { Words } from "../../ui-ext/components";
import { ReferralCard } from "../../ui-ext/components";
import { useStore } from "../../ui-ext/signals";
import { CheckoutRedeemController } from "../../checkout/checkout-redeem";
import type { CheckoutRedeemState } from "../../checkout/checkout-redeem";
import type { ApiClient, Profile, Reward } from "../../widget/api";
import { rewardBlocker, rewardCost, tierSummary } from "../../widget/view-model";
import { AccountController, codeLines, historyLines } from "../account-model";

/** `customer-account.page.render`: the loyalty hub. */
export function LoyaltyPage(props: { api: ApiClient; words: Words; currency: string; shopName: string }) {
  const { t } = props.words;
  const controller = useMemo(() => new AccountController(props.api), [props.api]);
  const state = useStore(controller.store);
  const redeemer = useMemo(
    () => new CheckoutRedeemController(props.api, null, () => void controller.load()),
    [props.api, controller],
  );
  const redeem = useStore(redeemer.store);
  useEffect(() => void controller.load(), [controller]);

  const profile = state.profile;
  return (
    <s-page heading={t("account.title")}>
      {state.phase === "loading" ? <s-skeleton-paragraph /> : null}
      {state.phase === "error" && state.error ? (
        <s-banner tone="critical">
          <s-stack gap="small-200">
            <s-text>{t(state.error.key, state.error.vars)}</s-text>
            <s-button onClick={() => void controller.load()}>{t("panel.retry")}</s-button>
          </s-stack>
        </s-banner>
      ) : null}
      {profile && profile.status !== "member" ? (
        <s-section>
          <s-stack gap="base">
            <s-text>{t(`panel.status.${profile.status}`)}</s-text>
            {profile.status === "not_member" ? (
              <s-button variant="primary" loading={state.joining} onClick={() => void controller.join()}>
                {t("panel.status.join")}
              </s-button>
            ) : null}
          </s-stack>
        </s-section>
      ) : null}
      {profile && profile.status === "member" ? (
        <s-stack gap="base">
          <Balance profile={profile} words={props.words} currency={props.currency} />
          <s-section heading={t("account.redeem_title")}>
            <s-stack gap="base">
              {redeem.redeem.phase === "error" ? (
                <s-banner tone="critical">{t(redeem.redeem.error.key, redeem.redeem.error.vars)}</s-banner>
              ) : null}
              {redeem.redeem.phase === "success" ? (
                <RedeemSuccess state={redeem} words={props.words} onDone={() => redeemer.dismiss()} />
              ) : null}
              {profile.rewards.length === 0 ? <s-text>{t("panel.rewards.empty")}</s-text> : null}
              {profile.rewards.map((reward) => (
                <RewardRow
                  key={reward.id}
                  reward={reward}
                  words={props.words}
                  currency={props.currency}
                  state={redeem}
                  controller={redeemer}
                />
              ))}
            </s-stack>
          </s-section>
          <Codes
            words={props.words}
            items={codeLines(state.codes, props.words.translator, props.words.fmt)}
          />
          <s-section heading={t("panel.history.title")}>
            <s-stack gap="small-200">
              {state.history.length === 0 ? <s-text>{t("panel.history.empty")}</s-text> : null}
              {historyLines(state.history, props.words.translator, props.words.fmt).map((line) => (
                <s-stack key={line.id} direction="inline" gap="base" justifyContent="space-between">
                  <s-stack gap="none">
                    <s-text>{line.label}</s-text>
                    <s-text color="subdued">{line.note ? `${line.date} · ${line.note}` : line.date}</s-text>
                  </s-stack>
                  <s-text tone={line.tone} type="strong">
                    {line.points}
                  </s-text>
                </s-stack>
              ))}
              {state.historyCursor !== null ? (
                <s-button
                  variant="secondary"
                  loading={state.loadingMore}
                  onClick={() => void controller.more()}
                >
                  {t("panel.history.more")}
                </s-button>
              ) : null}
            </s-stack>
          </s-section>
          {state.referral ? (
            <s-section>
              <ReferralCard
                words={props.words}
                referral={state.referral}
                shopName={props.shopName}
                heading={t("panel.referral.title")}
                id="loyalnest-account"
              />
            </s-section>
          ) : null}
        </s-stack>
      ) : null}
    </s-page>
  );
}

function Balance(props: { profile: Profile; words: Words; currency: string }) {
  const { t, fmt } = props.words;
  const { profile } = props;
  const tier = tierSummary(profile, props.words.translator, fmt, props.currency);
  return (
    <s-section heading={t("panel.balance.title")}>
      <s-stack gap="small-200">
        <s-heading>{fmt.points(profile.balance.available)}</s-heading>
        {profile.balance.pending > 0 ? (
          <s-text color="subdued">
            {t("panel.balance.pending", { points: fmt.points(profile.balance.pending) })}
          </s-text>
        ) : null}
        <s-text type="strong">{tier.current}</s-text>
        {tier.percent !== null ? (
          <s-progress value={tier.percent} max={100} accessibilityLabel={tier.label ?? ""} />
        ) : null}
        {tier.next ? <s-text color="subdued">{tier.next}</s-text> : null}
      </s-stack>
    </s-section>
  );
}

function RewardRow(props: {
  reward: Reward;
  words: Words;
  currency: string;
  state: CheckoutRedeemState;
  controller: CheckoutRedeemController;
}) {
  const { t, fmt } = props.words;
  const { reward, state, controller } = props;
  const redeem = state.redeem;
  const mine = "rewardId" in redeem && redeem.rewardId === reward.id;
  const blocker = rewardBlocker(reward, props.words.translator, fmt);
  const busy = redeem.phase === "submitting";
  return (
    <s-stack gap="small-200" padding="small-200" border="base" borderRadius="base">
      <s-stack direction="inline" gap="base" justifyContent="space-between" alignItems="center">
        <s-stack gap="none">
          <s-text type="strong">{reward.name}</s-text>
          <s-text color="subdued">{rewardCost(reward, fmt)}</s-text>
          {reward.minOrderMinor !== null ? (
            <s-text color="subdued">
              {t("panel.rewards.min_order", { amount: fmt.money(reward.minOrderMinor, props.currency) })}
            </s-text>
          ) : null}
          {blocker ? <s-text color="subdued">{blocker}</s-text> : null}
        </s-stack>
        {!blocker && !(mine && redeem.phase === "confirming") ? (
          <s-button
            variant="secondary"
            disabled={busy}
            loading={mine && busy}
            accessibilityLabel={t("panel.rewards.redeem_named", { reward: reward.name })}
            onClick={() => controller.choose(reward)}
          >
            {t("panel.rewards.redeem")}
          </s-button>
        ) : null}
      </s-stack>
      {mine && redeem.phase === "confirming" ? (
        <s-stack gap="small-200">
          <s-text>
            {t("panel.rewards.confirm", { points: fmt.points(redeem.points), reward: reward.name })}
          </s-text>
          <s-stack direction="inline" gap="small-200">
            <s-button variant="primary" onClick={() => void controller.confirm(reward)}>
              {t("panel.rewards.confirm_yes")}
            </s-button>
            <s-button variant="secondary" onClick={() => controller.cancel()}>
              {t("panel.rewards.cancel")}
            </s-button>
          </s-stack>
        </s-stack>
      ) : null}
    </s-stack>
  );
}

function RedeemSuccess(props: { state: CheckoutRedeemState; words: Words; onDone: () => void }) {
  const { t } = props.words;
  if (props.state.redeem.phase !== "success") return null;
  const { redemption } = props.state.redeem.result;
  const code = redemption.discountCode;
  return (
    <s-banner tone="success">
      <s-stack gap="small-200">
        <s-text>
          {redemption.storeCredit
            ? t("panel.rewards.success_credit", { reward: redemption.rewardName })
            : t("panel.rewards.success", { reward: redemption.rewardName })}
        </s-text>
        {code ? (
          <>
            <s-text type="strong">{code}</s-text>
            <s-clipboard-item id="loyalnest-new-code" text={code} />
            <s-button command="--copy" commandFor="loyalnest-new-code">
              {t("panel.rewards.copy_code")}
            </s-button>
          </>
        ) : null}
        <s-button variant="secondary" onClick={props.onDone}>
          {t("panel.rewards.done")}
        </s-button>
      </s-stack>
    </s-banner>
  );
}

function Codes(props: { words: Words; items: ReturnType<typeof codeLines> }) {
  const { t } = props.words;
  if (props.items.length === 0) return null;
  return (
    <s-section heading={t("account.codes_title")}>
      <s-stack gap="small-200">
        {props.items.map((c) => (
          <s-stack
            key={c.id}
            direction="inline"
            gap="base"
            justifyContent="space-between"
            alignItems="center"
          >
            <s-stack gap="none">
              <s-text type="strong">{c.reward}</s-text>
              <s-text>{c.code}</s-text>
              <s-text color="subdued">{c.expires ? `${c.status} · ${c.expires}` : c.status}</s-text>
            </s-stack>
            {c.usable ? (
              <>
                <s-clipboard-item id={`loyalnest-code-${c.id}`} text={c.code} />
                <s-button variant="secondary" command="--copy" commandFor={`loyalnest-code-${c.id}`}>
                  {t("panel.rewards.copy_code")}
                </s-button>
              </>
            ) : null}
          </s-stack>
        ))}
      </s-stack>
    </s-section>
  );
}
