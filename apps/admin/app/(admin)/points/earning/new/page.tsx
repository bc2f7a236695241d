import type { Metadata } from "next";
import { EarningRuleEditor } from "../../../../../components/points/earning-rule-editor";

export const metadata: Metadata = { title: "Add a way to earn · LoyalNest" };

export default function NewEarningRule() {
  return <EarningRuleEditor ruleId={null} />;
}
