import type { Metadata } from "next";
import { TiersPage } from "../../../components/tiers/tiers-page";

export const metadata: Metadata = { title: "VIP tiers · LoyalNest" };

export default function VipTiers() {
  return <TiersPage />;
}
