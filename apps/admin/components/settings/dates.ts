import { adminLocale } from "../../lib/format";

/**
 * A moment for the merchant: date and time with the time zone named, so it is unambiguous. The
 * API gives instants (ISO, UTC) without the shop's zone, so they show in the browser's zone.
 */
export function formatDateTime(iso: string, locale = adminLocale()): string {
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(iso));
}
