/**
 * Time as a dependency: pacing, back-off and token expiry all read the clock through this, so
 * tests can run them against a fake clock instead of waiting for real seconds to pass.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
