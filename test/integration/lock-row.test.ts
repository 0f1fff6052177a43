/** The one row-lock helper: a second locker waits for the first transaction to end. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createUser } from "../support/factories.js";
import { lockRow, lockRowsWhere } from "../../src/platform/database/transaction.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe("lockRow", () => {
  it("should make a second transaction wait until the first one ends", async () => {
    const user = await createUser(t.db);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const firstHasLock = new Promise<void>((r) => (locked = r));
    const first = t.db.$transaction(async (tx) => {
      await lockRow(tx, "accounts_user", user.id);
      order.push("first locked");
      locked();
      await held;
      order.push("first done");
    }, { timeout: 20_000 });
    await firstHasLock;
    const second = t.db.$transaction(async (tx) => {
      await lockRow(tx, "accounts_user", user.id);
      order.push("second locked");
    }, { timeout: 20_000, maxWait: 20_000 });
    // Wait (with a deadline) until the second one is blocked on the lock, then end the first.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [w] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (w!.n > 0) break;
      if (Date.now() > deadline) throw new Error("the second transaction never waited for the lock");
    }
    expect(order).toEqual(["first locked"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first locked", "first done", "second locked"]);
  });

  it("should say whether the row exists, and lock by column", async () => {
    const user = await createUser(t.db);
    await t.db.$transaction(async (tx) => {
      expect(await lockRow(tx, "accounts_user", user.id)).toBe(true);
      expect(await lockRow(tx, "accounts_user", 2_000_000_000)).toBe(false);
      expect(await lockRowsWhere(tx, "accounts_user", "id", user.id)).toEqual([user.id]);
    });
  });

  it("should refuse a table name that is not an identifier", async () => {
    await expect(t.db.$transaction((tx) => lockRow(tx, 'accounts_user"; DROP TABLE x; --', 1))).rejects.toThrow(/not a table/);
  });
});
