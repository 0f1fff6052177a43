/**
 * Wallet ledger throughput: N debits (default 2,000) through `debitWallet` at concurrency 8, all on
 * one wallet (every debit waits for the row lock) and spread over 8 wallets (no waiting), against
 * a baseline measured in the same run: the same count of bare `UPDATE accounts_wallet SET balance =
 * balance - 1` statements (no ledger row, no audit, no check). Checks the ledger still equals the
 * balance afterwards. Size: BENCH_WALLET.
 */
import { systemCtx } from "../../src/platform/context.js";
import { creditWallet, debitWallet, walletsOutOfBalance } from "../../src/domains/wallet/index.js";
import { createBenchDatabase } from "./bench-db.js";
import { envInt, int, pool, secs } from "./harness.js";

export async function benchWallet(opts: { n?: number } = {}): Promise<string[]> {
  const n = opts.n ?? envInt("BENCH_WALLET", 2_000);
  const lines: string[] = [];
  const t = await createBenchDatabase({ poolSize: 10 });
  const ctx = systemCtx("bench");
  try {
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => t.db.user.create({ data: { fullName: `Bench ${i}`, phone: `+9665000000${String(i).padStart(2, "0")}` } })));
    for (const u of users) await creditWallet(t, ctx, { userId: u.id, amount: n * 10 });
    const items = Array.from({ length: n }, (_, i) => i);

    let t0 = performance.now();
    await pool(items, 8, () => t.db.$executeRaw`UPDATE accounts_wallet SET balance = balance - 1 WHERE user_id = ${users[0]!.id}`);
    const baseMs = performance.now() - t0;
    await t.db.$executeRaw`UPDATE accounts_wallet SET balance = balance + ${n} WHERE user_id = ${users[0]!.id}`;

    t0 = performance.now();
    await pool(items, 8, (i) => debitWallet(t, ctx, { userId: users[0]!.id, amount: 1, reference: `bench:${i}` }));
    const hotMs = performance.now() - t0;

    t0 = performance.now();
    await pool(items, 8, (i) => debitWallet(t, ctx, { userId: users[i % 8]!.id, amount: 1, reference: `bench:${i}` }));
    const spreadMs = performance.now() - t0;

    const rate = (msElapsed: number) => n / (msElapsed / 1000);
    lines.push(`baseline: ${int(n)} bare balance UPDATEs on one wallet in ${secs(baseMs)} (${int(rate(baseMs))}/s)`);
    lines.push(`one wallet: ${int(n)} ledger debits in ${secs(hotMs)} (${int(rate(hotMs))}/s, ${(hotMs / baseMs).toFixed(1)}× the baseline's time)`);
    lines.push(`8 wallets:  ${int(n)} ledger debits in ${secs(spreadMs)} (${int(rate(spreadMs))}/s, ${(spreadMs / baseMs).toFixed(1)}× the baseline's time)`);
    lines.push(`ledger equals balance on every wallet afterwards: ${(await walletsOutOfBalance(t.db)).length === 0}`);
    return lines;
  } catch (err) {
    throw Object.assign(err as Error, { lines });
  } finally {
    await t.close();
  }
}
