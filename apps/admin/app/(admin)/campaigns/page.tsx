import type { Metadata } from "next";
import { CampaignsPage } from "../../../components/campaigns/campaigns-page";

export const metadata: Metadata = { title: "Campaigns · LoyalNest" };

export default function Campaigns() {
  return <CampaignsPage />;
}
