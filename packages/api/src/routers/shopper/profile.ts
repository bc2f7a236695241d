import { z } from "zod";
import { rewardTypeSchema } from "../../schemas";
import { shopperCachedReadProcedure } from "../../trpc";
import { parseFrozen, parsedSynchronously } from "../../trpc/sync-parse";
import { SHOPPER_CACHE_TTL_MS, shopCatalogKey, shopperStateKey } from "../../shopper-cache/keys";
import {
  composeShopperProfile,
  loadShopCatalog,
  loadShopperState,
  type ShopCatalog,
  type ShopperState,
} from "../../services/shopper-profile";

export const profileInput = parsedSynchronously(z.object({}).strict().optional());

const reasonSchema = z.enum([
  "not_a_member",
  "reward_inactive",
  "channel_not_allowed",
  "tier_too_low",
  "per_customer_limit_reached",
  "below_minimum_order",
  "insufficient_points",
  "not_a_whole_step",
  "below_minimum",
  "above_maximum",
]);

export const profileOutput = parsedSynchronously(
  z.object({
    status: z.enum(["member", "not_member", "excluded", "programme_off", "unknown_customer"]),
    pointsName: z.object({ singular: z.string(), plural: z.string() }),
    balance: z.object({
      available: z.number().int(),
      pending: z.number().int(),
      lifetimeEarned: z.number().int(),
    }),
    tier: z
      .object({
        id: z.number().int(),
        name: z.string(),
        earnMultiplierBp: z.number().int(),
        benefits: z.array(z.string()),
      })
      .nullable(),
    nextTier: z
      .object({
        id: z.number().int(),
        name: z.string(),
        threshold: z.number().int(),
        remaining: z.number().int(),
        metric: z.enum(["points_earned", "amount_spent"]),
      })
      .nullable(),
    rewards: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        type: rewardTypeSchema,
        pointsCost: z.number().int(),
        maxPoints: z.number().int().nullable(),
        minOrderMinor: z.number().int().nullable(),
        affordable: z.boolean(),
        pointsMissing: z.number().int(),
        unavailableReasons: z.array(reasonSchema),
      }),
    ),
  }),
);

/**
 * The shopper's balance, pending points, tier and progress to the next, and every reward with
 * whether they can redeem it now (and why not). Both halves are cached (Redis, else in-process;
 * the shop's catalogue also parsed in this process for seconds) and invalidated by the database's
 * commit notifications; see `shopper-cache/`.
 */
export const profile = shopperCachedReadProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/shopper/profile",
      tags: ["shopper"],
      summary: "The logged-in shopper's balance, tier, progress and rewards",
      protect: true,
    },
  })
  .input(profileInput)
  .output(profileOutput)
  .query(async ({ ctx }) => {
    const { deps, shop, shopper } = ctx;
    const { db } = deps.database;
    const catalog = deps.catalogs.get(shop.id, () =>
      deps.cache.getOrLoad(shopCatalogKey(shop.id), SHOPPER_CACHE_TTL_MS, () => loadShopCatalog(db, shop)),
    );
    const customerId = shopper.customerId;
    const state =
      customerId === null
        ? Promise.resolve(null)
        : deps.cache.getOrLoad(shopperStateKey(shop.id, customerId), SHOPPER_CACHE_TTL_MS, () =>
            loadShopperState(db, shop.id, customerId, deps.now()),
          );
    return profileOf(await catalog, await state);
  });

type Profile = z.output<typeof profileOutput>;

/** Composed profiles by the identity of their two halves (see `profileOf`). */
const profiles = new WeakMap<
  ShopCatalog,
  { unknownCustomer?: Profile; byState: WeakMap<ShopperState, Profile> }
>();

/**
 * The profile for this catalogue and state, composed and validated once per pair: both halves
 * come from the shopper cache, which hands out the same (read-only) object until the value
 * changes, and the profile is a pure function of them. Frozen, so tRPC's output validation
 * recognises it as the schema's own output instead of parsing it again on every read.
 */
function profileOf(catalog: ShopCatalog, state: ShopperState | null): Profile {
  let forCatalog = profiles.get(catalog);
  if (forCatalog === undefined) {
    forCatalog = { byState: new WeakMap() };
    profiles.set(catalog, forCatalog);
  }
  if (state === null)
    return (forCatalog.unknownCustomer ??= parseFrozen(profileOutput, composeShopperProfile(catalog, null)));
  let profile = forCatalog.byState.get(state);
  if (profile === undefined) {
    profile = parseFrozen(profileOutput, composeShopperProfile(catalog, state));
    forCatalog.byState.set(state, profile);
  }
  return profile;
}
