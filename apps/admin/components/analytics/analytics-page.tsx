"use client";
import { BlockStack, Tabs } from "@shopify/polaris";
import { useState } from "react";
import { AdminPage } from "../admin-page";
import { HoldoutReport } from "./holdout-report";
import { PointsReport } from "./points-report";
import { ReferralReport } from "./referral-report";
import { SegmentReport } from "./segment-report";
import { TierReport } from "./tier-report";

const REPORTS = [
  { id: "holdout", content: "Members vs holdout", Report: HoldoutReport },
  { id: "points", content: "Points and liability", Report: PointsReport },
  { id: "segments", content: "RFM segments", Report: SegmentReport },
  { id: "tiers", content: "VIP tiers", Report: TierReport },
  { id: "referrals", content: "Referral funnel", Report: ReferralReport },
] as const;

/** Analytics: one tab per report, each with its own period and CSV export. */
export function AnalyticsPage() {
  const [selected, setSelected] = useState(0);
  const { Report } = REPORTS[selected]!;
  return (
    <AdminPage title="Analytics" subtitle="Measure what your programme earns and what it owes">
      <BlockStack gap="400">
        <Tabs
          tabs={REPORTS.map(({ id, content }) => ({
            id: `report-${id}`,
            content,
            panelID: `report-${id}-panel`,
          }))}
          selected={selected}
          onSelect={setSelected}
          fitted={false}
        />
        <div
          id={`report-${REPORTS[selected]!.id}-panel`}
          role="tabpanel"
          aria-labelledby={`report-${REPORTS[selected]!.id}`}
        >
          <Report />
        </div>
      </BlockStack>
    </AdminPage>
  );
}
