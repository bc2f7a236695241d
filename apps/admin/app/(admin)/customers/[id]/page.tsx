import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CustomerPage } from "../../../../components/customers/customer-page";

export const metadata: Metadata = { title: "Customer · LoyalNest" };

export default async function Customer({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  return <CustomerPage customerId={Number(id)} />;
}
