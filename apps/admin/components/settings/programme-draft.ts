import type { AppRouter } from "@loyalnest/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export type Settings = inferRouterOutputs<AppRouter>["admin"]["settings"]["get"];
export type SettingsUpdate = inferRouterInputs<AppRouter>["admin"]["settings"]["update"];
export type Locale = Settings["config"]["languages"]["enabled"][number];
type Branding = Settings["config"]["branding"];

export const LOCALES: { id: Locale; label: string }[] = [
  { id: "en", label: "English" },
  { id: "fr", label: "French (français)" },
  { id: "de", label: "German (Deutsch)" },
  { id: "es", label: "Spanish (español)" },
  { id: "ar", label: "Arabic (العربية), right to left" },
  { id: "he", label: "Hebrew (עברית), right to left" },
];

export const NOTIFICATIONS = [
  { id: "pointsEarned", label: "Points earned", help: "After an order or action earns points." },
  { id: "rewardIssued", label: "Reward issued", help: "With the discount code when a customer redeems." },
  { id: "tierUp", label: "VIP tier reached", help: "When a customer moves up a tier." },
  { id: "expiryWarning", label: "Points about to expire", help: "30 days before points expire." },
  {
    id: "referralCompleted",
    label: "Referral completed",
    help: "When a friend's first order rewards the referrer.",
  },
] as const;
export type NotificationId = (typeof NOTIFICATIONS)[number]["id"];

/** What the General, Branding, Languages and Notifications tabs edit: one draft, one save bar. */
export interface ProgrammeDraft {
  programmeEnabled: boolean;
  membershipMode: Settings["membershipMode"];
  /** The holdout share as the merchant types it, in percent. */
  holdoutPercent: string;
  branding: Branding;
  enabledLocales: Locale[];
  overrides: Partial<Record<Locale, Record<string, string>>>;
  notifications: Record<NotificationId, boolean>;
  senderName: string;
}

export function draftFrom(s: Settings): ProgrammeDraft {
  const n = s.config.notifications;
  return {
    programmeEnabled: s.programmeEnabled,
    membershipMode: s.membershipMode,
    holdoutPercent: String(s.holdoutBp / 100),
    branding: { ...s.config.branding },
    enabledLocales: [...s.config.languages.enabled],
    overrides: Object.fromEntries(
      Object.entries(s.config.languages.overrides).map(([locale, strings]) => [locale, { ...strings }]),
    ),
    notifications: {
      pointsEarned: n.pointsEarned,
      rewardIssued: n.rewardIssued,
      tierUp: n.tierUp,
      expiryWarning: n.expiryWarning,
      referralCompleted: n.referralCompleted,
    },
    senderName: n.senderName ?? "",
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Field problems the merchant can fix before saving; keys name the field. */
export function draftErrors(d: ProgrammeDraft): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  const holdout = Number(d.holdoutPercent);
  if (d.holdoutPercent.trim() === "" || !Number.isFinite(holdout) || holdout < 0 || holdout > 50)
    errors.holdout = "Enter a share from 0% to 50%.";
  else if (Math.round(holdout * 100) !== holdout * 100)
    errors.holdout = "Use at most two decimals, e.g. 10 or 12.5.";
  if (!HEX_COLOUR.test(d.branding.primaryColor)) errors.primaryColor = "Enter a colour like #5c6ac4.";
  if (!HEX_COLOUR.test(d.branding.accentColor)) errors.accentColor = "Enter a colour like #ffffff.";
  if (d.branding.launcherText.trim() === "")
    errors.launcherText = "Enter the text shoppers see on the button.";
  if (d.enabledLocales.length === 0) errors.languages = "Enable at least one language.";
  return errors;
}

/** The update for what changed (with the config version the form was loaded with). */
export function patchFrom(d: ProgrammeDraft, s: Settings): SettingsUpdate {
  const base = draftFrom(s);
  const patch: SettingsUpdate = { expectedConfigVersion: s.configVersion };
  if (d.programmeEnabled !== base.programmeEnabled) patch.programmeEnabled = d.programmeEnabled;
  if (d.membershipMode !== base.membershipMode) patch.membershipMode = d.membershipMode;
  const holdoutBp = Math.round(Number(d.holdoutPercent) * 100);
  if (holdoutBp !== s.holdoutBp) patch.holdoutBp = holdoutBp;
  const config: NonNullable<SettingsUpdate["config"]> = {};
  if (!same(d.branding, base.branding))
    config.branding = { ...d.branding, launcherText: d.branding.launcherText.trim() };
  const languages: NonNullable<NonNullable<SettingsUpdate["config"]>["languages"]> = {};
  if (!same(d.enabledLocales, base.enabledLocales)) languages.enabled = d.enabledLocales;
  const changedLocales = LOCALES.map((l) => l.id).filter(
    (locale) => !same(d.overrides[locale] ?? {}, base.overrides[locale] ?? {}),
  );
  if (changedLocales.length > 0)
    languages.overrides = Object.fromEntries(
      changedLocales.map((locale) => [locale, d.overrides[locale] ?? {}]),
    );
  if (Object.keys(languages).length > 0) config.languages = languages;
  const notifications: NonNullable<NonNullable<SettingsUpdate["config"]>["notifications"]> = {};
  for (const { id } of NOTIFICATIONS)
    if (d.notifications[id] !== base.notifications[id]) notifications[id] = d.notifications[id];
  if (d.senderName.trim() !== base.senderName) notifications.senderName = d.senderName.trim() || null;
  if (Object.keys(notifications).length > 0) config.notifications = notifications;
  if (Object.keys(config).length > 0) patch.config = config;
  return patch;
}

export function isDirty(d: ProgrammeDraft, s: Settings): boolean {
  return !same(d, draftFrom(s));
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
