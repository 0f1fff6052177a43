/**
 * CPU time of one bench run split by where it is spent, read from /proc (Linux): this process's
 * main thread (JavaScript: receiving PostgreSQL's output, the writers, yazl's CRC), its other
 * threads (zlib's deflate in libuv's pool, file writes, V8's garbage collector; Node 20 names them
 * all "node", so they are not told apart), and one PostgreSQL backend (reading the rows and
 * formatting them). Wall-clock rates on a shared machine move with the load; these move much less.
 * Elsewhere than Linux every figure is 0.
 */
import { readdirSync, readFileSync } from "node:fs";

/** clock ticks per second of /proc's utime/stime (USER_HZ, 100 on Linux). */
const HZ = 100;

export interface CpuSplit {
  mainMs: number;
  otherMs: number;
  postgresMs: number;
}

function ticksOf(statPath: string): number {
  try {
    const stat = readFileSync(statPath, "utf8");
    // Fields after the command (which may hold spaces) start after the last ')': utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** The counters now; `since(earlier)` gives the difference in ms. */
export function cpuSnapshot(postgresPid?: number): CpuSplit {
  const s: CpuSplit = { mainMs: 0, otherMs: 0, postgresMs: 0 };
  let tids: string[] = [];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return s;
  }
  for (const tid of tids) {
    const ms = (ticksOf(`/proc/self/task/${tid}/stat`) * 1000) / HZ;
    if (tid === String(process.pid)) s.mainMs += ms;
    else s.otherMs += ms;
  }
  if (postgresPid) s.postgresMs = (ticksOf(`/proc/${postgresPid}/stat`) * 1000) / HZ;
  return s;
}

export function cpuSince(before: CpuSplit, after: CpuSplit): CpuSplit {
  return { mainMs: after.mainMs - before.mainMs, otherMs: after.otherMs - before.otherMs, postgresMs: after.postgresMs - before.postgresMs };
}

/** "CPU µs/row: postgres 4.1, node main thread 2.0, node other threads 0.9 (total 7.0)". */
export function cpuPerRow(c: CpuSplit, rows: number): string {
  const us = (ms: number) => ((ms * 1000) / Math.max(1, rows)).toFixed(1);
  return `CPU µs/row: postgres ${us(c.postgresMs)}, node main thread ${us(c.mainMs)}, node other threads (deflate, GC) ${us(c.otherMs)} (total ${us(c.postgresMs + c.mainMs + c.otherMs)})`;
}

/**
 * The rate the CPU time alone would allow on `cores` otherwise idle cores: PostgreSQL, the main
 * thread and the other threads run in parallel, so the run takes at least the longest of them and
 * at least the total shared out. A ceiling for judging a run on a busy machine, not a measurement.
 */
export function cpuCeiling(c: CpuSplit, rows: number, cores: number): number {
  const ms = Math.max(c.postgresMs, c.mainMs, c.otherMs, (c.postgresMs + c.mainMs + c.otherMs) / cores);
  return rows / (ms / 1000);
}
