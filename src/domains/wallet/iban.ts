/**
 * IBAN checks (ISO 13706): country code, the country's length where we know it, and the mod-97
 * checksum (letters become 10..35, the first four characters move to the end, the number mod 97
 * must be 1). Saudi IBANs are 24 characters: SA, 2 check digits, 2 bank digits, 18 account characters.
 */

/** Lengths of the countries a provider here is likely to be paid in (the GCC and a few more). */
const LENGTHS: Record<string, number> = { SA: 24, AE: 23, BH: 22, KW: 30, QA: 29, OM: 23, JO: 30, EG: 29, GB: 22, DE: 22, FR: 27 };

/** The IBAN as stored: upper case, no spaces. */
export function normalizeIban(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** Mod-97 of the rearranged IBAN, computed piecewise (the number is far beyond 2^53). */
function mod97(iban: string): number {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of code) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

/** Why an IBAN is not valid (a message key), or null when it is. */
export function ibanProblem(raw: string): "IBAN_FORMAT" | "IBAN_LENGTH" | "IBAN_CHECKSUM" | null {
  const iban = normalizeIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return "IBAN_FORMAT";
  const len = LENGTHS[iban.slice(0, 2)];
  if (len !== undefined && iban.length !== len) return "IBAN_LENGTH";
  if (iban.slice(0, 2) === "SA" && !/^SA\d{4}[A-Z0-9]{18}$/.test(iban)) return "IBAN_FORMAT";
  return mod97(iban) === 1 ? null : "IBAN_CHECKSUM";
}

export const isValidIban = (raw: string): boolean => ibanProblem(raw) === null;
