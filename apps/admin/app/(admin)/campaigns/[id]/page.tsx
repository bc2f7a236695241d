import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EditCampaignPage } from "../../../../components/campaigns/campaign-form";

export const metadata: Metadata = { title: "Campaign · LoyalNest" };

export default async function Campaign({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  return <EditCampaignPage campaignId={Number(id)} />;
}
