import { assertInteger } from "../money";

/** Default points of the non-purchase actions (spec §4); each is a per-shop setting. */
export const DEFAULT_ACTION_POINTS = {
  signup: 200,
  birthday: 200,
  newsletter: 100,
  review: 100,
  socialFollow: 50,
} as const;

export function assertAwardPoints(points: number): void {
  assertInteger(points, "points");
  if (points <= 0) throw new RangeError("an action must award a positive number of points");
}
