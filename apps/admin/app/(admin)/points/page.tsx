import type { Metadata } from "next";
import { PointsPage } from "../../../components/points/points-page";

export const metadata: Metadata = { title: "Points · LoyalNest" };

export default function Points() {
  return <PointsPage />;
}
