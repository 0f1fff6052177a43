/**
 * Invoice numbering against a real database: concurrent transactions get consecutive numbers,
 * a rolled-back number is handed out again (no gaps), and each Riyadh year starts at 1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@prisma/client";
import { formatInvoiceNumber, invoiceYear, nextInvoiceNumber } from "../../src/domains/billing/invoice-number.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { createUser } from "../support/factories.js";

let t: TestDatabase;
let userId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  userId = (await createUser(t.db)).id;
});
afterAll(() => t?.close());

const TX = { maxWait: 60_000, timeout: 60_000 };
const inTx = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => t.db.$transaction(fn, TX);
const seq = (n: string) => Number(n.slice(-6));

describe("invoice number format", () => {
  it("should pad to six digits and keep growing past them", () => {
    expect(formatInvoiceNumber(2026, 123)).toBe("NWF-2026-000123");
    expect(formatInvoiceNumber(2026, 1_234_567)).toBe("NWF-2026-1234567");
  });

  it("should take the year in Riyadh time", () => {
    expect(invoiceYear(new Date("2026-12-31T20:59:59Z"))).toBe(2026);
    expect(invoiceYear(new Date("2026-12-31T21:00:00Z"))).toBe(2027);
  });
});

describe("nextInvoiceNumber", () => {
  it("should give 50 parallel transactions 50 distinct consecutive numbers", async () => {
    const date = new Date("2031-06-01T09:00:00Z");
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () =>
        inTx(async (tx) => {
          const number = await nextInvoiceNumber(tx, date);
          // Insert the invoice in the same transaction, as the billing service does.
          await tx.invoice.create({ data: { number, userId, purpose: "extra" } });
          return number;
        }),
      ),
    );
    expect(numbers.every((n) => /^NWF-2031-\d{6}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.map(seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await t.db.invoice.count({ where: { number: { startsWith: "NWF-2031-" } } })).toBe(50);
    expect((await t.db.invoiceNumberSequence.findUniqueOrThrow({ where: { year: 2031 } })).lastValue).toBe(50);
  });

  it("should hand a rolled-back transaction's number to the next invoice", async () => {
    const date = new Date("2032-03-01T12:00:00Z");
    expect(await inTx((tx) => nextInvoiceNumber(tx, date))).toBe("NWF-2032-000001");
    await expect(
      inTx(async (tx) => {
        expect(await nextInvoiceNumber(tx, date)).toBe("NWF-2032-000002");
        throw new Error("payment provider refused");
      }),
    ).rejects.toThrow("payment provider refused");
    expect(await inTx((tx) => nextInvoiceNumber(tx, date))).toBe("NWF-2032-000002");
  });

  it("should make a concurrent caller wait for an open transaction and reuse its number if it rolls back", async () => {
    const date = new Date("2035-05-05T05:00:00Z");
    expect(await inTx((tx) => nextInvoiceNumber(tx, date))).toBe("NWF-2035-000001");

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let got!: (n: string) => void;
    const firstNumber = new Promise<string>((resolve) => (got = resolve));
    const first = inTx(async (tx) => {
      got(await nextInvoiceNumber(tx, date));
      await held;
      throw new Error("rolled back");
    });
    expect(await firstNumber).toBe("NWF-2035-000002");

    let secondDone = false;
    const second = inTx((tx) => nextInvoiceNumber(tx, date)).finally(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(secondDone).toBe(false); // blocked on the counter row

    release();
    await expect(first).rejects.toThrow("rolled back");
    expect(await second).toBe("NWF-2035-000002");
  });

  it("should start every year at 1, switching at midnight in Riyadh", async () => {
    const lastSecond = new Date("2033-12-31T20:59:59Z"); // 23:59:59 in Riyadh
    const newYear = new Date("2033-12-31T21:00:00Z"); // 00:00 on 1 January 2034 in Riyadh
    expect(await inTx((tx) => nextInvoiceNumber(tx, lastSecond))).toBe("NWF-2033-000001");
    expect(await inTx((tx) => nextInvoiceNumber(tx, lastSecond))).toBe("NWF-2033-000002");
    expect(await inTx((tx) => nextInvoiceNumber(tx, newYear))).toBe("NWF-2034-000001");
    expect(await inTx((tx) => nextInvoiceNumber(tx, lastSecond))).toBe("NWF-2033-000003");
    expect(await inTx((tx) => nextInvoiceNumber(tx, newYear))).toBe("NWF-2034-000002");
  });

  it("should number by the current Riyadh year by default", async () => {
    const n = await inTx((tx) => nextInvoiceNumber(tx));
    expect(n.startsWith(`NWF-${invoiceYear(new Date())}-`)).toBe(true);
  });
});
