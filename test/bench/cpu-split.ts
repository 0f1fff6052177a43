/**
 * CPU time of one bench run split by where it is spent, read from /proc (Linux): this process's
 * main thread (JavaScript), its libuv pool threads (zlib deflate, file writes), its other threads
 * (V8's garbage collector and compiler), and one PostgreSQL backend (the query, its formatting and
 * the COPY/FETCH output). Wall-clock rates on a shared machine move with the load; these do not.
 * Elsewhere than Linux every figure is 0.
 */
import { readdirSync, readFileSync } from "node:fs";

/** clock ticks per second of /proc's utime/stime (USER_HZ, 100 on Linux). */
const HZ = 100;

export interface CpuSplit {
  mainMs: number;
  libuvMs: number;
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

function threadName(tid: string): string {
  try {
    return readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** The counters now; `since(earlier)` gives the difference in ms. */
export function cpuSnapshot(postgresPid?: number): CpuSplit {
  const s: CpuSplit = { mainMs: 0, libuvMs: 0, otherMs: 0, postgresMs: 0 };
  let tids: string[] = [];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return s;
  }
  for (const tid of tids) {
    const ms = (ticksOf(`/proc/self/task/${tid}/stat`) * 1000) / HZ;
    if (tid === String(process.pid)) s.mainMs += ms;
    else if (threadName(tid).startsWith("libuv-worker")) s.libuvMs += ms;
    else s.otherMs += ms;
  }
  if (postgresPid) s.postgresMs = (ticksOf(`/proc/${postgresPid}/stat`) * 1000) / HZ;
  return s;
}

export function cpuSince(before: CpuSplit, after: CpuSplit): CpuSplit {
  return { mainMs: after.mainMs - before.mainMs, libuvMs: after.libuvMs - before.libuvMs, otherMs: after.otherMs - before.otherMs, postgresMs: after.postgresMs - before.postgresMs };
}

/** "µs/row: postgres 4.1, main 2.0, libuv 0.9, other 0.3 (total 7.3)". */
export function cpuPerRow(c: CpuSplit, rows: number): string {
  const us = (ms: number) => ((ms * 1000) / Math.max(1, rows)).toFixed(1);
  return `CPU µs/row: postgres ${us(c.postgresMs)}, node main ${us(c.mainMs)}, libuv pool ${us(c.libuvMs)}, other threads ${us(c.otherMs)} (total ${us(c.postgresMs + c.mainMs + c.libuvMs + c.otherMs)})`;
}
