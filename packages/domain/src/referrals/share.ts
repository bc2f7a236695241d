import { normalizeReferralCode } from "./code";

/** The referral query parameter: `?ref=CODE`. */
export const REFERRAL_PARAM = "ref";

/**
 * The advocate's link: the shop's storefront URL (or a landing path on it) with `?ref=CODE`, other
 * query parameters kept. Built with the URL API so the code and path are encoded properly.
 */
export function referralLink(storefrontUrl: string, code: string, path = "/"): string {
  let base: URL;
  try {
    base = new URL(storefrontUrl);
  } catch {
    throw new RangeError(`not a URL: ${storefrontUrl}`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:")
    throw new RangeError(`not a web URL: ${storefrontUrl}`);
  const url = new URL(path, base);
  // A landing path must stay on the shop: an absolute URL in `path` would send friends elsewhere.
  if (url.origin !== base.origin) throw new RangeError(`landing path leaves the shop: ${path}`);
  url.searchParams.set(REFERRAL_PARAM, code);
  return url.toString();
}

/** The shop-written invitation; the link itself is appended by `buildShareLinks`. */
export interface ShareMessage {
  /** E-mail subject. */
  subject: string;
  /** The invitation text; the referral link is appended after it. */
  text: string;
}

export interface ShareLinks {
  email: string;
  sms: string;
  whatsapp: string;
  /** What the copy button puts on the clipboard: the bare link. */
  copy: string;
}

/**
 * §9 "a share link usable by e-mail, SMS, WhatsApp and copy". Every component is
 * percent-encoded with encodeURIComponent (spaces as %20, never "+", which mail and SMS clients
 * would show literally). SMS uses RFC 5724 `sms:?body=`; WhatsApp its universal `https://wa.me/?text=`.
 */
export function buildShareLinks(link: string, message: ShareMessage): ShareLinks {
  const enc = encodeURIComponent;
  const inline = message.text ? `${message.text} ${link}` : link;
  const emailBody = message.text ? `${message.text}\n\n${link}` : link;
  return {
    email: `mailto:?subject=${enc(message.subject)}&body=${enc(emailBody)}`,
    sms: `sms:?body=${enc(inline)}`,
    whatsapp: `https://wa.me/?text=${enc(inline)}`,
    copy: link,
  };
}

/** The referral code carried by a landing URL, normalised, or null. */
export function referralCodeFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const raw = parsed.searchParams.get(REFERRAL_PARAM);
  return raw === null ? null : normalizeReferralCode(raw);
}
