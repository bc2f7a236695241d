import { toCents } from "../money";
import type { DiscountCode, Shop } from "../state";
import { gid, parseGid } from "../state";
import type { Resolver, ResolverContext } from "./context";
import { discountNodeView } from "./views";

/** discountCodeBasicCreate / discountCodeFreeShippingCreate / discountCodeDelete, with Shopify's userErrors. */
interface UserError {
  field: string[] | null;
  message: string;
  code: string;
  extraInfo: string | null;
}

type Input = Record<string, unknown>;

function userError(field: string[] | null, message: string, code: string): UserError {
  return { field, message, code, extraInfo: null };
}

function asRecord(value: unknown): Input {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Input) : {};
}

/** `context: { customers: { add } }`, or the deprecated `customerSelection`. */
function customerIds(input: Input, arg: string, shop: Shop, errors: UserError[]): number[] {
  const context = asRecord(input.context ?? input.customerSelection);
  const add = asRecord(context.customers).add;
  if (!Array.isArray(add)) return [];
  const ids: number[] = [];
  for (const [i, value] of add.entries()) {
    const id = parseGid(value, "Customer");
    if (id === undefined || !shop.customers.has(id))
      errors.push(
        userError([arg, "context", "customers", "add", String(i)], "Customer does not exist", "INVALID"),
      );
    else ids.push(id);
  }
  return ids;
}

function discountValue(input: Input, arg: string, errors: UserError[]): DiscountCode["value"] {
  const value = asRecord(asRecord(input.customerGets).value);
  if (typeof value.percentage === "number") {
    if (value.percentage <= 0 || value.percentage > 1)
      errors.push(
        userError(
          [arg, "customerGets", "value", "percentage"],
          "Value must be between 0.0 and 1.0",
          "VALUE_OUTSIDE_RANGE",
        ),
      );
    return { percentage: value.percentage };
  }
  const amount = asRecord(value.discountAmount).amount;
  if (typeof amount === "string" || typeof amount === "number") {
    const cents = toCents(amount);
    if (cents <= 0)
      errors.push(
        userError(
          [arg, "customerGets", "value", "discountAmount", "amount"],
          "Value must be greater than 0",
          "GREATER_THAN",
        ),
      );
    return { amountCents: cents };
  }
  errors.push(userError([arg, "customerGets"], "Customer gets can't be blank", "BLANK"));
  return null;
}

function createDiscount(kind: DiscountCode["kind"], arg: string): Resolver {
  return (args, ctx) => {
    const input = asRecord(args[arg]);
    const errors: UserError[] = [];
    const code = typeof input.code === "string" ? input.code.trim() : "";
    const title = typeof input.title === "string" ? input.title.trim() : "";
    if (!code) errors.push(userError([arg, "code"], "Code can't be blank", "BLANK"));
    if (!title) errors.push(userError([arg, "title"], "Title can't be blank", "BLANK"));
    if (code && [...ctx.shop.discounts.values()].some((d) => d.code.toLowerCase() === code.toLowerCase()))
      errors.push(userError([arg, "code"], "Code must be unique. Please try a different code.", "TAKEN"));
    const startsAt = typeof input.startsAt === "string" ? input.startsAt : new Date().toISOString();
    const endsAt = typeof input.endsAt === "string" ? input.endsAt : null;
    if (endsAt && Date.parse(endsAt) <= Date.parse(startsAt))
      errors.push(userError([arg, "endsAt"], "Ends at needs to be after starts_at", "INVALID"));
    const usageLimit = typeof input.usageLimit === "number" ? input.usageLimit : null;
    if (usageLimit !== null && usageLimit < 1)
      errors.push(userError([arg, "usageLimit"], "Usage limit must be greater than 0", "GREATER_THAN"));
    const customers = customerIds(input, arg, ctx.shop, errors);
    const value = kind === "basic" ? discountValue(input, arg, errors) : null;
    if (errors.length > 0)
      return { __typename: payloadType(kind), codeDiscountNode: null, userErrors: errors };
    const combines = asRecord(input.combinesWith);
    const discount: DiscountCode = {
      id: ctx.state.nextId(),
      kind,
      code,
      title,
      startsAt,
      endsAt,
      usageLimit,
      appliesOncePerCustomer: input.appliesOncePerCustomer === true,
      customerIds: customers,
      combinesWith: {
        orderDiscounts: combines.orderDiscounts === true,
        productDiscounts: combines.productDiscounts === true,
        shippingDiscounts: combines.shippingDiscounts === true,
      },
      value,
      usageCount: 0,
      createdAt: new Date().toISOString(),
    };
    ctx.shop.discounts.set(discount.id, discount);
    return {
      __typename: payloadType(kind),
      codeDiscountNode: discountNodeView(ctx.shop, discount),
      userErrors: [],
    };
  };
}

function payloadType(kind: DiscountCode["kind"]): string {
  return kind === "basic" ? "DiscountCodeBasicCreatePayload" : "DiscountCodeFreeShippingCreatePayload";
}

function deleteDiscount(args: Record<string, unknown>, ctx: ResolverContext) {
  const id = parseGid(args.id, "DiscountCodeNode");
  if (id === undefined || !ctx.shop.discounts.delete(id)) {
    return {
      __typename: "DiscountCodeDeletePayload",
      deletedCodeDiscountId: null,
      userErrors: [userError(["id"], "Discount does not exist", "INVALID")],
    };
  }
  return {
    __typename: "DiscountCodeDeletePayload",
    deletedCodeDiscountId: gid("DiscountCodeNode", id),
    userErrors: [],
  };
}

export const DISCOUNT_MUTATIONS: Record<string, Resolver> = {
  discountCodeBasicCreate: createDiscount("basic", "basicCodeDiscount"),
  discountCodeFreeShippingCreate: createDiscount("free_shipping", "freeShippingCodeDiscount"),
  discountCodeDelete: deleteDiscount,
};
