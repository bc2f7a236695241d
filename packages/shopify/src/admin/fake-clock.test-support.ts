import type { Clock } from "./clock";

/**
 * A clock that only moves when told: timers fire in order as `advance` passes them, with pending
 * promise callbacks flushed in between so code awaiting `sleep` runs as it would in real time.
 */
export class FakeClock implements Clock {
  private t: number;
  private timers: { at: number; resolve: () => void }[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), resolve });
      this.timers.sort((a, b) => a.at - b.at);
    });
  }

  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await flush();
    for (let next = this.timers[0]; next && next.at <= target; next = this.timers[0]) {
      this.timers.shift();
      this.t = next.at;
      next.resolve();
      await flush();
    }
    this.t = target;
    await flush();
  }
}

/** Lets every ready promise callback (and the callbacks they schedule) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
