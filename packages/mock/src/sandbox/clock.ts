/**
 * The sandbox's clock: every timestamp it writes (created_at, delivered_at, the edit
 * window, upload slot expiry) reads it, so a test can move time forward instead of
 * waiting. It only ever moves forward. Timers (delivery retries, stream heartbeats) and
 * webhook signatures use real time: a receiver checks a signature against its own clock.
 */
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source() + this.offsetMs;
  }

  iso(at: number = this.now()): string {
    return new Date(at).toISOString();
  }

  /** Moves the clock forward by `ms` (never back); returns the new time. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the sandbox clock only moves forward: advance by a number of milliseconds ≥ 0, got ${ms}`);
    this.offsetMs += ms;
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
