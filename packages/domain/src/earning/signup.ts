import { assertAwardPoints, DEFAULT_ACTION_POINTS } from "./action-points";
import type { EarnDecision } from "./decision";
import { award, noAward } from "./decision";
import { signupKey } from "./idempotency-keys";

export interface SignupInput {
  customerId: string;
  /** Whether this customer already received the signup award (e.g. deleted and re-created). */
  alreadyAwarded: boolean;
  points?: number;
}

/** Account signup earns once per customer; the key `signup:<customerId>` enforces it too. */
export function decideSignupAward(input: SignupInput): EarnDecision<"already_awarded"> {
  const points = input.points ?? DEFAULT_ACTION_POINTS.signup;
  assertAwardPoints(points);
  if (input.alreadyAwarded) return noAward("already_awarded");
  return award(points, signupKey(input.customerId));
}
