import type { Metadata } from "next";
import { EarningRuleEditor } from "../../../../../components/points/earning-rule-editor";

export const metadata: Metadata = { title: "Way to earn · LoyalNest" };

export default async function EditEarningRule({ params }: { params: Promise<{ ruleId: string }> }) {
  const { ruleId } = await params;
  return <EarningRuleEditor ruleId={/^\d{1,9}$/.test(ruleId) ? Number(ruleId) : 0} />;
}
