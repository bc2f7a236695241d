import type { Metadata } from "next";
import { CustomersPage } from "../../../components/customers/customers-page";

export const metadata: Metadata = { title: "Customers · LoyalNest" };

export default function Customers() {
  return <CustomersPage />;
}
