import type { Metadata } from "next";
import { NewCampaignPage } from "../../../../components/campaigns/campaign-form";

export const metadata: Metadata = { title: "Create campaign · LoyalNest" };

export default function NewCampaign() {
  return <NewCampaignPage />;
}
