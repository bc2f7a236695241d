import { assertAwardPoints, DEFAULT_ACTION_POINTS } from "./action-points";
import type { EarnDecision } from "./decision";
import { award, noAward } from "./decision";
import { socialFollowKey } from "./idempotency-keys";

/** Networks are compared trimmed and lower-cased ("Instagram" and "instagram" are one network). */
export const normalizeNetwork = (network: string) => network.trim().toLowerCase();

export interface SocialFollowInput {
  customerId: string;
  network: string;
  /** Networks this customer was already rewarded for. */
  awardedNetworks: readonly string[];
  points?: number;
}

export type SocialFollowRefusal = "unknown_network" | "already_awarded";

/** A social follow earns once per network, keyed `social:<customerId>:<network>`. */
export function decideSocialFollowAward(input: SocialFollowInput): EarnDecision<SocialFollowRefusal> {
  const points = input.points ?? DEFAULT_ACTION_POINTS.socialFollow;
  assertAwardPoints(points);
  const network = normalizeNetwork(input.network);
  if (network === "" || /\s/.test(network)) return noAward("unknown_network");
  if (input.awardedNetworks.some((n) => normalizeNetwork(n) === network)) return noAward("already_awarded");
  return award(points, socialFollowKey(input.customerId, network));
}
