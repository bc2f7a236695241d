import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import type { Words } from "../../ui-ext/components";
import { useSignalValue, useStore } from "../../ui-ext/signals";
import type { ApiClient, Profile, Redemption, Reward } from "../../widget/api";
import { rewardBlocker, rewardCost } from "../../widget/view-model";
import type { CheckoutRedeemState, CheckoutReward } from "../checkout-redeem";
import { CheckoutRedeemController, checkoutRewards, toMinor, unusedCodes } from "../checkout-redeem";
import type { CheckoutDiscountHost } from "../host";

/**
 * In-checkout block (`purchase.checkout.block.render`, Shopify Plus): redeem points into a code
 * and apply it to this checkout; codes the shopper already has are applied without spending.
 */
export function RedeemBlock(props: { api: ApiClient; host: CheckoutDiscountHost; words: Words }) {
  const { t, fmt } = props.words;
  const { api, host } = props;
  const subtotal = useSignalValue(host.cost.subtotalAmount);
  const codesOnCheckout = useSignalValue(host.discountCodes);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [codes, setCodes] = useState<Redemption[]>([]);
  const [failed, setFailed] = useState(false);

  const reload = useCallback(() => {
    Promise.all([api.profile(), api.redemptions({ limit: 20 })]).then(
      ([p, r]) => {
        setProfile(p);
        setCodes(r.items);
        setFailed(false);
      },
      () => setFailed(true),
    );
  }, [api]);
  useEffect(reload, [reload]);
  const controller = useMemo(() => new CheckoutRedeemController(api, host, reload), [api, host, reload]);
  const state = useStore(controller.store);

  if (failed) return <s-banner tone="warning">{t("checkout.sign_in")}</s-banner>;
  if (!profile) return <s-skeleton-paragraph />;
  if (profile.status !== "member") return null;

  const currency = subtotal.currencyCode;
  const rewards = checkoutRewards(profile, toMinor(subtotal));
  const unused = unusedCodes(codes, codesOnCheckout);
  const busy = state.redeem.phase === "submitting" || state.apply?.outcome === "applying";

  return (
    <s-section heading={t("checkout.redeem_title")}>
      <s-stack gap="base">
        <s-text type="strong">
          {t("checkout.you_have", { points: fmt.points(profile.balance.available) })}
        </s-text>
        <ApplyMessage state={state} words={props.words} onRetry={(c, n) => void controller.apply(c, n)} />
        {state.error || state.redeem.phase === "error" ? (
          <s-banner tone="critical">
            {t(state.redeem.phase === "error" ? state.redeem.error.key : "panel.errors.generic")}
          </s-banner>
        ) : null}
        {unused.length > 0 ? (
          <s-stack gap="small-200">
            <s-text type="strong">{t("checkout.your_codes")}</s-text>
            {unused.map((r) => (
              <s-stack key={r.id} direction="inline" gap="small-200" alignItems="center">
                <s-text>{r.rewardName}</s-text>
                <s-button
                  variant="secondary"
                  disabled={busy}
                  onClick={() => void controller.apply(r.discountCode!, r.rewardName)}
                >
                  {t("checkout.apply_code", { code: r.discountCode! })}
                </s-button>
              </s-stack>
            ))}
          </s-stack>
        ) : null}
        {rewards.length === 0 ? <s-text color="subdued">{t("checkout.empty")}</s-text> : null}
        {rewards.map((item) => (
          <RewardRow
            key={item.reward.id}
            item={item}
            words={props.words}
            currency={currency}
            busy={busy}
            hasOtherDiscount={codesOnCheckout.length > 0}
            state={state}
            controller={controller}
          />
        ))}
      </s-stack>
    </s-section>
  );
}

function ApplyMessage(props: {
  state: CheckoutRedeemState;
  words: Words;
  onRetry: (code: string, rewardName: string) => void;
}) {
  const { t } = props.words;
  const apply = props.state.apply;
  if (!apply) return null;
  const vars = { code: apply.code, reward: apply.rewardName };
  switch (apply.outcome) {
    case "applying":
      return (
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-spinner accessibilityLabel={t("checkout.applying")} />
          <s-text>{t("checkout.applying")}</s-text>
        </s-stack>
      );
    case "applied":
      return <s-banner tone="success">{t("checkout.applied", vars)}</s-banner>;
    case "not_combinable":
    case "refused":
      return (
        <s-banner tone="warning">
          <s-stack gap="small-200">
            <s-text>{t(`checkout.${apply.outcome}`, vars)}</s-text>
            <s-button variant="secondary" onClick={() => props.onRetry(apply.code, apply.rewardName)}>
              {t("checkout.retry_apply")}
            </s-button>
          </s-stack>
        </s-banner>
      );
    case "locked":
      return <s-banner tone="warning">{t("checkout.locked", vars)}</s-banner>;
  }
}

function RewardRow(props: {
  item: CheckoutReward;
  words: Words;
  currency: string;
  busy: boolean;
  hasOtherDiscount: boolean;
  state: CheckoutRedeemState;
  controller: CheckoutRedeemController;
}) {
  const { t, fmt } = props.words;
  const { reward, availability } = props.item;
  const redeem = props.state.redeem;
  const mine = "rewardId" in redeem && redeem.rewardId === reward.id;
  const confirming = mine && (redeem.phase === "confirming" || redeem.phase === "error");
  const submitting = mine && redeem.phase === "submitting";
  return (
    <s-stack gap="small-200" padding="small-200" border="base" borderRadius="base">
      <s-stack direction="inline" gap="small-200" justifyContent="space-between" alignItems="center">
        <s-stack gap="none">
          <s-text type="strong">{reward.name}</s-text>
          <s-text color="subdued">{rewardCost(reward, fmt)}</s-text>
        </s-stack>
        {availability.kind === "ready" && !confirming ? (
          <s-button
            variant="secondary"
            disabled={props.busy}
            loading={submitting}
            accessibilityLabel={t("panel.rewards.redeem_named", { reward: reward.name })}
            onClick={() => props.controller.choose(reward)}
          >
            {t("panel.rewards.redeem")}
          </s-button>
        ) : null}
      </s-stack>
      {availability.kind === "below_minimum" ? (
        <s-text tone="warning">
          {t("checkout.below_minimum", {
            amount: fmt.money(availability.missingMinor, props.currency),
            minimum: fmt.money(availability.minOrderMinor, props.currency),
          })}
        </s-text>
      ) : null}
      {availability.kind === "blocked" ? (
        <s-text color="subdued">{rewardBlocker(reward, props.words.translator, fmt)}</s-text>
      ) : null}
      {confirming && (redeem.phase === "confirming" || redeem.phase === "error") ? (
        <s-stack gap="small-200">
          <s-text>
            {t("panel.rewards.confirm", { points: fmt.points(redeem.points), reward: reward.name })}
          </s-text>
          {props.hasOtherDiscount ? <s-text tone="warning">{t("checkout.combine_warning")}</s-text> : null}
          {reward.type === "points_for_money" ? (
            <PointsField
              reward={reward}
              words={props.words}
              controller={props.controller}
              value={redeem.points}
            />
          ) : null}
          <s-stack direction="inline" gap="small-200">
            {redeem.phase === "error" && redeem.error.retry === "no" ? null : (
              <s-button variant="primary" onClick={() => void props.controller.confirm(reward)}>
                {redeem.phase === "error" ? t("panel.retry") : t("checkout.redeem_apply")}
              </s-button>
            )}
            <s-button
              variant="secondary"
              onClick={() =>
                redeem.phase === "error" ? props.controller.dismiss() : props.controller.cancel()
              }
            >
              {t("panel.rewards.cancel")}
            </s-button>
          </s-stack>
        </s-stack>
      ) : null}
    </s-stack>
  );
}

function PointsField(props: {
  reward: Reward;
  words: Words;
  controller: CheckoutRedeemController;
  value: number;
}) {
  const { reward } = props;
  return (
    <s-number-field
      label={props.words.t("panel.rewards.choose_points")}
      min={reward.pointsCost}
      max={reward.maxPoints ?? undefined}
      step={reward.pointsCost}
      value={String(props.value)}
      onChange={(event: Event) => {
        const value = Number((event.currentTarget as HTMLInputElement).value);
        if (Number.isFinite(value) && value > 0) props.controller.setPoints(Math.round(value));
      }}
    />
  );
}
