"use client";
import { Badge } from "@shopify/polaris";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@loyalnest/api";

type Outputs = inferRouterOutputs<AppRouter>;
export type CustomerSummary = Outputs["admin"]["customers"]["search"]["items"][number];
export type CustomerDetail = Outputs["admin"]["customers"]["detail"];
export type LedgerEntry = CustomerDetail["ledger"]["items"][number];
export type Segment = NonNullable<CustomerSummary["segment"]>;
export type MembershipStatus = CustomerSummary["membershipStatus"];
export type Referral = Outputs["admin"]["referrals"]["list"]["items"][number];
export type ReferralStatus = Referral["status"];

/** RFM segments in the order the spec lists them (first match wins). */
export const SEGMENT_LABELS: Record<Segment, string> = {
  champions: "Champions",
  loyal: "Loyal",
  new: "New",
  at_risk: "At risk",
  hibernating: "Hibernating",
  needs_attention: "Needs attention",
  inactive: "Inactive",
};
export const SEGMENTS = Object.keys(SEGMENT_LABELS) as Segment[];

const SEGMENT_TONES: Record<Segment, "success" | "info" | "attention" | "warning" | "critical" | undefined> =
  {
    champions: "success",
    loyal: "success",
    new: "info",
    at_risk: "warning",
    hibernating: undefined,
    needs_attention: "attention",
    inactive: undefined,
  };

export function SegmentBadge({ segment }: { segment: Segment | null }) {
  if (!segment) return <Badge>Not scored yet</Badge>;
  return <Badge tone={SEGMENT_TONES[segment]}>{SEGMENT_LABELS[segment]}</Badge>;
}

export const MEMBERSHIP_LABELS: Record<MembershipStatus, string> = {
  member: "Member",
  not_member: "Not a member",
  excluded: "Excluded",
};

export function MembershipBadge({ status }: { status: MembershipStatus }) {
  const tone = status === "member" ? "success" : status === "excluded" ? "critical" : undefined;
  return <Badge tone={tone}>{MEMBERSHIP_LABELS[status]}</Badge>;
}

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  pending: "Pending",
  completed: "Completed",
  flagged: "Awaiting review",
  approved: "Approved",
  rejected: "Rejected",
  reversed: "Reversed",
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const tone =
    status === "completed" || status === "approved"
      ? "success"
      : status === "flagged"
        ? "warning"
        : status === "rejected" || status === "reversed"
          ? "critical"
          : "info";
  return <Badge tone={tone}>{REFERRAL_STATUS_LABELS[status]}</Badge>;
}

/** The fraud rules' reasons (packages/domain referrals/fraud.ts), in the merchant's words. */
const FRAUD_REASON_LABELS: Record<string, string> = {
  friend_is_advocate: "The friend is the advocate themself",
  same_email_as_advocate: "Same e-mail as the advocate",
  same_shipping_address_as_advocate: "Same shipping address as the advocate",
  friend_not_new_customer: "The friend had ordered before",
  same_fingerprint_as_advocate_within_24h: "Same device or network as the advocate within 24 hours",
  advocate_monthly_limit_exceeded: "Advocate is over the monthly referral limit",
};

export function fraudReasonLabel(reason: string): string {
  return FRAUD_REASON_LABELS[reason] ?? reason.replaceAll("_", " ");
}

export function customerName(c: {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  id: number;
  isTombstone?: boolean;
}): string {
  if (c.isTombstone) return "Erased customer";
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ").trim();
  return name || c.email || `Customer #${c.id}`;
}
