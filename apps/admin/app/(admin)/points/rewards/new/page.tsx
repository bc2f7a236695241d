import type { Metadata } from "next";
import { RewardEditor } from "../../../../../components/points/reward-editor";

export const metadata: Metadata = { title: "Add reward · LoyalNest" };

export default function NewReward() {
  return <RewardEditor rewardId={null} />;
}
