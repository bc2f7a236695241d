"use client";
import { Link } from "@shopify/polaris";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc";
import { customerName } from "./labels";

/**
 * A link to a customer's page, named after them. Referrals carry only customer ids, so the name is
 * looked up (one batched, cached request per customer); until then the link reads "Customer #id".
 */
export function CustomerLink({ customerId }: { customerId: number }) {
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.admin.customers.detail.queryOptions({ customerId }),
    staleTime: 300_000,
  });
  const label = detail.data ? customerName(detail.data.customer) : `Customer #${customerId}`;
  return (
    <Link url={`/customers/${customerId}`} removeUnderline>
      {label}
    </Link>
  );
}
