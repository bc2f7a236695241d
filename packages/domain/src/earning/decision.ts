/**
 * Every earning decision is either an award (points plus the idempotency key its ledger row must
 * carry, so replaying the same input is a no-op) or a typed refusal with a reason.
 */
export interface Award {
  outcome: "award";
  points: number;
  idempotencyKey: string;
}

export interface NoAward<R extends string> {
  outcome: "no_award";
  reason: R;
}

export type EarnDecision<R extends string, A extends Award = Award> = A | NoAward<R>;

export const noAward = <R extends string>(reason: R): NoAward<R> => ({ outcome: "no_award", reason });

export const award = (points: number, idempotencyKey: string): Award => ({
  outcome: "award",
  points,
  idempotencyKey,
});
