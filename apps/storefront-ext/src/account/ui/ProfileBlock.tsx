import { useEffect, useState } from "preact/hooks";
import type { Words } from "../../ui-ext/components";
import type { ApiClient, Profile } from "../../widget/api";
import { tierSummary } from "../../widget/view-model";

/** The customer-account page to open: `extension:{handle}/` links to a full-page extension. */
export const LOYALTY_PAGE_HREF = "extension:loyalty-account/";

/** `customer-account.profile.block.render`: balance, tier and a link to the loyalty page. */
export function ProfileBlock(props: { api: ApiClient; words: Words; currency: string }) {
  const { t, fmt } = props.words;
  const [profile, setProfile] = useState<Profile | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    props.api.profile().then(setProfile, () => setFailed(true));
  }, [props.api]);
  if (failed) return null;
  if (!profile) return <s-skeleton-paragraph />;
  if (profile.status === "excluded" || profile.status === "programme_off") return null;
  const tier = tierSummary(profile, props.words.translator, fmt, props.currency);
  return (
    <s-section heading={t("account.profile_title")}>
      <s-stack gap="small-200">
        {profile.status === "member" ? (
          <>
            <s-text type="strong">
              {t("account.profile_summary", { points: fmt.points(profile.balance.available) })}
            </s-text>
            <s-text color="subdued">{tier.current}</s-text>
          </>
        ) : (
          <s-text>{t("panel.status.not_member")}</s-text>
        )}
        <s-link href={LOYALTY_PAGE_HREF}>{t("account.open")}</s-link>
      </s-stack>
    </s-section>
  );
}
