import type { StandIn } from "./stand-in.test-support";

// Deliveries are held (`deliver: false`): these tests exercise the Admin API, not webhooks, and
// there is no app listening for them.
const HOLD = { deliver: false };

/** Customers created in a stand-in shop, as a shopper signing up would; resolves their ids. */
export function seedCustomers(standIn: StandIn, shop: string, count: number): number[] {
  return Array.from(
    { length: count },
    (_, i) =>
      standIn.commands.createCustomer(
        { shop, email: `seed-${i}-${Math.random().toString(36).slice(2)}@example.com`, firstName: "Seed" },
        HOLD,
      ).result.id,
  );
}

/** A paid order in a stand-in shop; resolves its id. */
export function seedOrder(standIn: StandIn, shop: string, customerId: number, price: string): number {
  return standIn.commands.createOrder({ shop, customerId, lineItems: [{ price, quantity: 1 }] }, HOLD).result
    .id;
}
