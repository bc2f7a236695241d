import { useEffect, useState } from "preact/hooks";
import type { ApiClient, Referral } from "../widget/api";
import type { Formatter } from "../widget/format";
import type { Translator } from "../widget/i18n";
import { shareLinks } from "../widget/share";

/** Shared Polaris-web-component pieces of the checkout and customer-account extensions. */
export interface Words {
  translator: Translator;
  t: Translator["t"];
  fmt: Formatter;
}

export function wordsFor(translator: Translator, fmt: Formatter): Words {
  return { translator, t: (key, vars) => translator.t(key, vars), fmt };
}

/** The referral link with copy (Shopify's clipboard command) and e-mail / SMS / WhatsApp links. */
export function ReferralCard(props: {
  words: Words;
  referral: Referral;
  shopName: string;
  heading: string;
  id: string;
}) {
  const { t, fmt } = props.words;
  const [copied, setCopied] = useState(false);
  const url = props.referral.shareUrl;
  if (!url) return <s-text color="subdued">{t("panel.referral.unavailable")}</s-text>;
  const message = t("panel.referral.message", { shop: props.shopName, url });
  const links = shareLinks(message, t("panel.referral.subject", { shop: props.shopName }));
  const clip = `${props.id}-link`;
  const stats = props.referral.stats;
  return (
    <s-stack gap="small-200">
      <s-heading>{props.heading}</s-heading>
      <s-paragraph>{t("panel.referral.body")}</s-paragraph>
      <s-text type="strong">{t("panel.referral.link_label")}</s-text>
      <s-text>{url}</s-text>
      <s-clipboard-item id={clip} text={url} onCopy={() => setCopied(true)} />
      <s-stack direction="inline" gap="small-200">
        <s-button command="--copy" commandFor={clip} onClick={() => setCopied(true)}>
          {copied ? t("panel.referral.copied") : t("panel.referral.copy")}
        </s-button>
        <s-link href={links.email} target="_blank">
          {t("panel.referral.email")}
        </s-link>
        <s-link href={links.sms} target="_blank">
          {t("panel.referral.sms")}
        </s-link>
        <s-link href={links.whatsapp} target="_blank">
          {t("panel.referral.whatsapp")}
        </s-link>
      </s-stack>
      {stats.completed + stats.pending > 0 ? (
        <s-text color="subdued">
          {t("panel.referral.stats", {
            completed: stats.completed,
            pending: stats.pending,
            points: fmt.points(stats.pointsEarned),
          })}
        </s-text>
      ) : null}
    </s-stack>
  );
}

/** Loads `shopper.referral` once; null while loading or when it failed (the prompt is optional). */
export function useReferral(api: Pick<ApiClient, "referral">): Referral | null {
  const [referral, setReferral] = useState<Referral | null>(null);
  useEffect(() => {
    let live = true;
    api.referral().then(
      (r) => live && setReferral(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return referral;
}
