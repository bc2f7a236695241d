import type { Metadata } from "next";
import { ReferralsPage } from "../../../components/referrals/referrals-page";

export const metadata: Metadata = { title: "Referrals · LoyalNest" };

export default function Referrals() {
  return <ReferralsPage />;
}
