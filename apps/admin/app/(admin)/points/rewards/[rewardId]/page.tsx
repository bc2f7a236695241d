import type { Metadata } from "next";
import { RewardEditor } from "../../../../../components/points/reward-editor";

export const metadata: Metadata = { title: "Reward · LoyalNest" };

export default async function EditReward({ params }: { params: Promise<{ rewardId: string }> }) {
  const { rewardId } = await params;
  return <RewardEditor rewardId={/^\d{1,9}$/.test(rewardId) ? Number(rewardId) : 0} />;
}
