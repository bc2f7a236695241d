/**
 * Test data for customers-referrals-campaigns.spec.ts (run with `node --import tsx`, as e2e/stack.ts
 * is: Playwright's loader cannot import @loyalnest/db). Inserts one flagged referral between two demo
 * members who have no referral yet — the row the worker writes when a friend's first order shares
 * the advocate's shipping address (score 70) — and prints `{"advocateId","friendId","referralId"}`.
 * `/_dev/orders` models neither a `?ref=` landing site nor a shipping address, so the stand-in
 * cannot produce one. Env: DATABASE_URL (the e2e stack's), SHOP.
 */
import { createDatabase } from "@loyalnest/db";

const { sql, close } = createDatabase(process.env.DATABASE_URL!, { max: 1 });
try {
  const [shop] = await sql<{ id: string }[]>`select id from shops where domain = ${process.env.SHOP!}`;
  const pair = await sql<{ id: number; code_id: number }[]>`
    select c.id::int as id, rc.id::int as code_id
    from customers c
    join referral_codes rc on rc.shop_id = c.shop_id and rc.customer_id = c.id
    where c.shop_id = ${shop!.id} and c.membership_status = 'member'
      and not exists (
        select 1 from referrals r
        where r.shop_id = c.shop_id and (r.friend_customer_id = c.id or r.advocate_customer_id = c.id)
      )
    order by c.id desc
    limit 2`;
  const [advocate, friend] = pair;
  const [row] = await sql<{ id: number }[]>`
    insert into referrals (shop_id, referral_code_id, advocate_customer_id, friend_customer_id, status,
                           fraud_score, fraud_reasons, first_order_id, first_order_paid_at)
    values (${shop!.id}, ${advocate!.code_id}, ${advocate!.id}, ${friend!.id}, 'flagged', 70,
            ${["same_shipping_address_as_advocate"]}, ${Number(`99${Date.now()}`.slice(0, 15))}, now())
    returning id::int as id`;
  process.stdout.write(
    JSON.stringify({ advocateId: advocate!.id, friendId: friend!.id, referralId: row!.id }),
  );
} finally {
  await close();
}
