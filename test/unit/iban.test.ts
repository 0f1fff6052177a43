/** IBAN checks (ISO 13706): structure, country length, mod-97 check digits. */
import { describe, expect, it } from "vitest";
import { ibanProblem, isValidIban, normalizeIban } from "../../src/domains/wallet/iban.js";
import { canTransition, nextStatuses } from "../../src/platform/transitions.js";
import { payoutMachine } from "../../src/domains/wallet/payouts.status.js";

describe("IBAN validation", () => {
  it("should accept valid IBANs written with spaces or in lower case", () => {
    for (const iban of ["SA03 8000 0000 6080 1016 7519", "sa4420000001234567891234", "GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "AE07 0331 2345 6789 0123 456"]) {
      expect(ibanProblem(iban), iban).toBeNull();
    }
    expect(normalizeIban("sa03 8000-0000 6080 1016 7519")).toBe("SA0380000000608010167519");
  });

  it("should refuse a single mistyped character or swapped digits by the checksum", () => {
    expect(ibanProblem("SA0380000000608010167518")).toBe("IBAN_CHECKSUM");
    expect(ibanProblem("SA0380000000608010176519")).toBe("IBAN_CHECKSUM");
    expect(ibanProblem("GB82WEST12345698765433")).toBe("IBAN_CHECKSUM");
  });

  it("should refuse a Saudi IBAN that is not 24 characters, and text that is not an IBAN", () => {
    expect(ibanProblem("SA038000000060801016751")).toBe("IBAN_LENGTH");
    expect(ibanProblem("SA03800000006080101675190")).toBe("IBAN_LENGTH");
    expect(ibanProblem("1234567890")).toBe("IBAN_FORMAT");
    expect(ibanProblem("=HYPERLINK(\"x\")")).toBe("IBAN_FORMAT");
    expect(ibanProblem("")).toBe("IBAN_FORMAT");
    expect(isValidIban("SAXX8000000060801016751A")).toBe(false);
  });
});

describe("payout machine", () => {
  it("should pay only approved payouts, return only paid ones, and end rejected, cancelled and failed ones", () => {
    expect(canTransition(payoutMachine, "pending", "paid")).toBe(false);
    expect(canTransition(payoutMachine, "approved", "paid")).toBe(true);
    expect(canTransition(payoutMachine, "paid", "failed")).toBe(true);
    expect(canTransition(payoutMachine, "pending", "failed")).toBe(false);
    expect(canTransition(payoutMachine, "paid", "rejected")).toBe(false);
    for (const end of ["rejected", "cancelled", "failed"] as const) expect(nextStatuses(payoutMachine, end)).toEqual([]);
  });
});
