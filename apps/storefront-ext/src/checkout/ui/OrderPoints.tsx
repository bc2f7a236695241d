import { useEffect, useState } from "preact/hooks";
import type { Words } from "../../ui-ext/components";
import { ReferralCard, useReferral } from "../../ui-ext/components";
import type { ApiClient } from "../../widget/api";
import type { OrderAnchor, OrderPointsView } from "../order-points";
import { loadOrderPoints } from "../order-points";

/**
 * Thank-you and order-status block: the points this order earns (pending or available) and a
 * referral prompt. On all plans (Starter excepted).
 */
export function OrderPointsBlock(props: {
  api: ApiClient;
  anchor: OrderAnchor;
  words: Words;
  shopName: string;
}) {
  const { t } = props.words;
  const [view, setView] = useState<OrderPointsView>({ state: "loading" });
  const referral = useReferral(props.api);
  useEffect(() => {
    const abort = new AbortController();
    void loadOrderPoints({ api: props.api, anchor: props.anchor, onView: setView, signal: abort.signal });
    return () => abort.abort();
  }, [props.api, props.anchor]);

  return (
    <s-section heading={t("checkout.title")}>
      <s-stack gap="base">
        <OrderPointsLine view={view} words={props.words} />
        {referral?.shareUrl ? (
          <>
            <s-divider />
            <ReferralCard
              words={props.words}
              referral={referral}
              shopName={props.shopName}
              heading={t("checkout.refer_title")}
              id="loyalnest-order"
            />
          </>
        ) : null}
      </s-stack>
    </s-section>
  );
}

function OrderPointsLine({ view, words }: { view: OrderPointsView; words: Words }) {
  const { t, fmt } = words;
  switch (view.state) {
    case "loading":
      return <s-skeleton-paragraph />;
    case "waiting":
      return (
        <s-stack direction="inline" gap="small-200" alignItems="center">
          <s-spinner accessibilityLabel={t("checkout.waiting")} />
          <s-text>{t("checkout.waiting")}</s-text>
        </s-stack>
      );
    case "earned":
      return (
        <s-banner tone="success">
          <s-stack gap="small-200">
            <s-text type="strong">
              {view.status === "pending" && view.availableAt
                ? t("checkout.earned_pending", {
                    points: fmt.points(view.points),
                    date: fmt.date(view.availableAt),
                  })
                : t("checkout.earned_available", { points: fmt.points(view.points) })}
            </s-text>
            <s-text color="subdued">{t("checkout.balance", { points: fmt.points(view.balance) })}</s-text>
          </s-stack>
        </s-banner>
      );
    case "later":
      return (
        <s-stack gap="small-200">
          <s-text>{t("checkout.later")}</s-text>
          {view.balance !== null ? (
            <s-text color="subdued">{t("checkout.balance", { points: fmt.points(view.balance) })}</s-text>
          ) : null}
        </s-stack>
      );
    case "not_earning":
      return (
        <s-text>
          {view.reason === "guest"
            ? t("checkout.guest")
            : view.reason === "programme_off"
              ? t("panel.status.programme_off")
              : view.reason === "excluded"
                ? t("panel.status.excluded")
                : t("checkout.not_member")}
        </s-text>
      );
    case "error":
      return <s-text color="subdued">{t("checkout.error")}</s-text>;
  }
}
