import type { Metadata } from "next";
import { AnalyticsPage } from "../../../components/analytics/analytics-page";

export const metadata: Metadata = { title: "Analytics · LoyalNest" };

export default function Analytics() {
  return <AnalyticsPage />;
}
