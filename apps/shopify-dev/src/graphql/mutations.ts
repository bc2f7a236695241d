import { moneyV2, toCents } from "../money";
import type { Metafield, Shop, StoreCreditAccount } from "../state";
import { gid, parseGid } from "../state";
import type { Resolver, ResolverContext } from "./context";
import { DISCOUNT_MUTATIONS } from "./discounts";
import { metafieldView, subscriptionView } from "./views";
import { resolveNamespace } from "./namespace";

/** Store credit, customer metafields, Flow triggers and billing. */
type Input = Record<string, unknown>;

function asRecord(value: unknown): Input {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Input) : {};
}

function storeCreditError(field: string[], message: string, code: string) {
  return {
    __typename: "StoreCreditAccountCreditPayload",
    storeCreditAccountTransaction: null,
    userErrors: [{ field, message, code }],
  };
}

function findOrOpenAccount(ctx: ResolverContext, id: unknown, currency: string): StoreCreditAccount | string {
  const accountId = parseGid(id, "StoreCreditAccount");
  if (accountId !== undefined && typeof id === "string" && id.includes("StoreCreditAccount")) {
    const account = ctx.shop.storeCreditAccounts.get(accountId);
    if (!account) return "ACCOUNT_NOT_FOUND";
    return account.currencyCode === currency ? account : "MISMATCHING_CURRENCY";
  }
  const customerId = parseGid(id, "Customer");
  if (customerId === undefined || !ctx.shop.customers.has(customerId)) return "CUSTOMER_NOT_FOUND";
  const existing = [...ctx.shop.storeCreditAccounts.values()].find(
    (a) => a.customerId === customerId && a.currencyCode === currency,
  );
  if (existing) return existing;
  const account: StoreCreditAccount = {
    id: ctx.state.nextId(),
    customerId,
    currencyCode: currency,
    balanceCents: 0,
    transactions: [],
  };
  ctx.shop.storeCreditAccounts.set(account.id, account);
  return account;
}

const storeCreditAccountCredit: Resolver = (args, ctx) => {
  const credit = asRecord(asRecord(args.creditInput).creditAmount);
  const currency = typeof credit.currencyCode === "string" ? credit.currencyCode : ctx.shop.currencyCode;
  const cents = toCents(
    typeof credit.amount === "number" || typeof credit.amount === "string" ? credit.amount : "0",
  );
  if (cents <= 0)
    return storeCreditError(
      ["creditInput", "creditAmount", "amount"],
      "A positive amount must be used to credit a store credit account.",
      "NEGATIVE_OR_ZERO_AMOUNT",
    );
  const account = findOrOpenAccount(ctx, args.id, currency);
  if (typeof account === "string") {
    const messages: Record<string, string> = {
      ACCOUNT_NOT_FOUND: "Store credit account does not exist.",
      CUSTOMER_NOT_FOUND: "Owner does not exist.",
      MISMATCHING_CURRENCY: "The currency provided does not match the currency of the store credit account.",
    };
    return storeCreditError(
      account === "MISMATCHING_CURRENCY" ? ["creditInput", "creditAmount", "currencyCode"] : ["id"],
      messages[account] ?? account,
      account,
    );
  }
  account.balanceCents += cents;
  const transaction = {
    id: ctx.state.nextId(),
    amountCents: cents,
    createdAt: new Date().toISOString(),
    balanceAfterCents: account.balanceCents,
  };
  account.transactions.push(transaction);
  return {
    __typename: "StoreCreditAccountCreditPayload",
    storeCreditAccountTransaction: {
      __typename: "StoreCreditAccountCreditTransaction",
      id: gid("StoreCreditAccountCreditTransaction", transaction.id),
      createdAt: transaction.createdAt,
      amount: moneyV2(cents, currency),
      balanceAfterTransaction: moneyV2(account.balanceCents, currency),
      account: {
        __typename: "StoreCreditAccount",
        id: gid("StoreCreditAccount", account.id),
        balance: moneyV2(account.balanceCents, currency),
      },
    },
    userErrors: [],
  };
};

function valueError(type: string, value: string): string | undefined {
  if (type === "number_integer" && !/^-?\d+$/.test(value)) return "Value must be an integer.";
  if (type === "number_decimal" && !/^-?\d+(\.\d+)?$/.test(value)) return "Value must be a decimal.";
  if (type === "boolean" && value !== "true" && value !== "false") return "Value must be true or false.";
  if (type === "json") {
    try {
      JSON.parse(value);
    } catch {
      return "Value is invalid JSON.";
    }
  }
  return undefined;
}

interface MetafieldOwner {
  metafields: Map<string, Metafield>;
  touch(at: string): void;
}

/** A customer, or the app's own installation (app-data metafields), of this shop. */
function metafieldOwner(shop: Shop, ownerId: unknown): MetafieldOwner | null {
  if (typeof ownerId === "string" && parseGid(ownerId, "AppInstallation") === shop.id)
    return { metafields: shop.appMetafields, touch: () => {} };
  const customer = shop.customers.get(parseGid(ownerId, "Customer") ?? -1);
  if (!customer) return null;
  return {
    metafields: customer.metafields,
    touch: (at) => {
      customer.updatedAt = at;
    },
  };
}

const metafieldsSet: Resolver = (args, ctx) => {
  const inputs = Array.isArray(args.metafields) ? args.metafields.map(asRecord) : [];
  const errors: { field: string[]; message: string; code: string; elementIndex: number | null }[] = [];
  if (inputs.length > 25)
    errors.push({
      field: ["metafields"],
      message: "Exceeded the maximum metafields input limit of 25.",
      code: "LESS_THAN_OR_EQUAL_TO",
      elementIndex: null,
    });
  const planned: { owner: MetafieldOwner; namespace: string; key: string; type: string; value: string }[] =
    [];
  inputs.forEach((input, i) => {
    const at = (f: string) => ["metafields", String(i), f];
    const owner = metafieldOwner(ctx.shop, input.ownerId);
    if (!owner)
      return errors.push({
        field: at("ownerId"),
        message: "Owner does not exist.",
        code: "INVALID",
        elementIndex: i,
      });
    const key = typeof input.key === "string" ? input.key : "";
    const type = typeof input.type === "string" ? input.type : "";
    const value = typeof input.value === "string" ? input.value : "";
    const namespace = resolveNamespace(input.namespace, ctx.shop.appId);
    if (key.length < 2)
      return errors.push({
        field: at("key"),
        message: "Key is too short (minimum is 2 characters)",
        code: "TOO_SHORT",
        elementIndex: i,
      });
    if (!type)
      return errors.push({
        field: at("type"),
        message: "Type can't be blank",
        code: "BLANK",
        elementIndex: i,
      });
    const problem = valueError(type, value);
    if (problem)
      return errors.push({ field: at("value"), message: problem, code: "INVALID_VALUE", elementIndex: i });
    const existing = owner.metafields.get(`${namespace}.${key}`);
    if (
      typeof input.compareDigest === "string" &&
      existing &&
      metafieldView(existing).compareDigest !== input.compareDigest
    )
      return errors.push({
        field: at("compareDigest"),
        message:
          "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
        code: "STALE_OBJECT",
        elementIndex: i,
      });
    planned.push({ owner, namespace, key, type, value });
    return undefined;
  });
  // Shopify applies metafieldsSet atomically: all or nothing.
  if (errors.length > 0) return { __typename: "MetafieldsSetPayload", metafields: null, userErrors: errors };
  const now = new Date().toISOString();
  const saved = planned.map(({ owner, namespace, key, type, value }) => {
    const existing = owner.metafields.get(`${namespace}.${key}`);
    const metafield: Metafield = existing
      ? { ...existing, type, value, updatedAt: now }
      : { id: ctx.state.nextId(), namespace, key, type, value, createdAt: now, updatedAt: now };
    owner.metafields.set(`${namespace}.${key}`, metafield);
    owner.touch(now);
    return metafieldView(metafield);
  });
  return { __typename: "MetafieldsSetPayload", metafields: saved, userErrors: [] };
};

const flowTriggerReceive: Resolver = (args, ctx) => {
  const handle = typeof args.handle === "string" ? args.handle : undefined;
  const payload = args.payload ?? (typeof args.body === "string" ? safeJson(args.body) : undefined);
  const size = Buffer.byteLength(JSON.stringify(payload ?? {}));
  const errors: { field: string[]; message: string }[] = [];
  if (!handle && typeof args.body !== "string")
    errors.push({ field: ["handle"], message: "Handle can't be blank" });
  if (size >= 50_000)
    errors.push({
      field: ["payload"],
      message: `Errors validating schema:\n  Properties size exceeds the limit of 50000 bytes.\n`,
    });
  if (errors.length === 0)
    ctx.shop.flowTriggers.push({ handle: handle ?? "", payload, receivedAt: new Date().toISOString() });
  return { __typename: "FlowTriggerReceivePayload", userErrors: errors };
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const appSubscriptionCreate: Resolver = (args, ctx) => {
  const name = typeof args.name === "string" ? args.name : "";
  const returnUrl = typeof args.returnUrl === "string" ? args.returnUrl : "";
  if (!name || !returnUrl) {
    return {
      __typename: "AppSubscriptionCreatePayload",
      appSubscription: null,
      confirmationUrl: null,
      userErrors: [
        { field: [!name ? "name" : "returnUrl"], message: `${!name ? "Name" : "Return url"} can't be blank` },
      ],
    };
  }
  const subscription = {
    id: ctx.state.nextId(),
    name,
    status: "PENDING" as const,
    test: args.test === true,
    trialDays: typeof args.trialDays === "number" ? args.trialDays : 0,
    returnUrl,
    lineItems: args.lineItems ?? [],
    createdAt: new Date().toISOString(),
  };
  ctx.shop.subscriptions.set(subscription.id, subscription);
  return {
    __typename: "AppSubscriptionCreatePayload",
    appSubscription: subscriptionView(subscription),
    confirmationUrl: `${ctx.baseUrl}/${ctx.shop.domain}/admin/charges/${subscription.id}/confirm`,
    userErrors: [],
  };
};

export const MUTATION_RESOLVERS: Record<string, Resolver> = {
  ...DISCOUNT_MUTATIONS,
  storeCreditAccountCredit,
  metafieldsSet,
  flowTriggerReceive,
  appSubscriptionCreate,
};
