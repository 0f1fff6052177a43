/**
 * The time domain rules read. Production uses the wall clock; tests hand Deps a clock they move
 * (SLA deadlines, auto-close), so time-based rules are checked without sleeping.
 */
import type { Deps } from "./deps.js";

export type Clock = () => Date;

/** Now, as the deps' clock says. */
export function nowOf(deps: Pick<Deps, "clock">): Date {
  return deps.clock ? deps.clock() : new Date();
}

/** A clock tests move by hand. */
export function manualClock(start = new Date()): Clock & { set(d: Date): void; advance(ms: number): Date } {
  let t = start.getTime();
  const clock = (() => new Date(t)) as Clock & { set(d: Date): void; advance(ms: number): Date };
  clock.set = (d) => void (t = d.getTime());
  clock.advance = (ms) => new Date((t += ms));
  return clock;
}
