/**
 * The QR code payload ZATCA (Saudi e-invoicing, phase 1) requires on a simplified tax invoice:
 * five TLV fields — 1 seller name, 2 VAT registration number, 3 timestamp, 4 total with VAT,
 * 5 VAT total — each as tag byte, length byte, UTF-8 value, the whole thing base64-encoded.
 * Lengths are single bytes, so a value over 255 UTF-8 bytes cannot be encoded and is refused
 * (Arabic letters take 2 bytes each, so the limit is about 127 Arabic characters). The VAT
 * number must have the Saudi format and not be ZATCA's example number: a QR with an invented
 * seller is worse than none.
 */
import { ValidationError } from "../../platform/errors.js";
import { minorToDecimal } from "./invoice-totals.js";
import { PLACEHOLDER_VAT_NUMBER } from "../backoffice/settings.js";

/** The TLV tags of a phase-1 simplified invoice QR. */
export const ZATCA_TAGS = { sellerName: 1, vatNumber: 2, timestamp: 3, total: 4, vat: 5 } as const;

/** What goes into the QR: amounts in minor units, rendered with 2 decimals. */
export interface ZatcaQrInput {
  sellerName: string;
  vatNumber: string;
  timestamp: Date;
  /** invoice total including VAT, halalas */
  total: number;
  /** VAT total, halalas */
  vat: number;
}

/** A decoded TLV field. */
export interface ZatcaTlvField {
  tag: number;
  value: string;
}

/** ISO 8601 in UTC without milliseconds, as in ZATCA's examples: 2022-04-25T15:30:00Z. */
export function zatcaTimestamp(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new ValidationError("invalid invoice timestamp", { timestamp: "VALUE_INVALID" });
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function field(tag: number, name: string, value: string): Buffer {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length === 0) throw new ValidationError(`ZATCA QR field ${name} is empty`, { [name]: "VALUE_REQUIRED" });
  if (bytes.length > 255) throw new ValidationError(`ZATCA QR field ${name} is ${bytes.length} bytes (max 255)`, { [name]: "VALUE_TOO_LONG" });
  return Buffer.concat([Buffer.from([tag, bytes.length]), bytes]);
}

/** The base64 TLV string to put in the invoice's QR code. */
export function zatcaTlvBase64(input: ZatcaQrInput): string {
  if (!/^3\d{13}3$/.test(input.vatNumber) || input.vatNumber === PLACEHOLDER_VAT_NUMBER) {
    throw new ValidationError(`ZATCA QR VAT number ${input.vatNumber} is not a Saudi VAT registration`, { vatNumber: "VAT_NUMBER_FORMAT" });
  }
  return Buffer.concat([
    field(ZATCA_TAGS.sellerName, "sellerName", input.sellerName),
    field(ZATCA_TAGS.vatNumber, "vatNumber", input.vatNumber),
    field(ZATCA_TAGS.timestamp, "timestamp", zatcaTimestamp(input.timestamp)),
    field(ZATCA_TAGS.total, "total", minorToDecimal(input.total)),
    field(ZATCA_TAGS.vat, "vat", minorToDecimal(input.vat)),
  ]).toString("base64");
}

/** Splits a base64 TLV payload back into its fields (tests, and checking a scanned QR). */
export function decodeZatcaTlv(base64: string): ZatcaTlvField[] {
  const bytes = Buffer.from(base64, "base64");
  const fields: ZatcaTlvField[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (i + 2 > bytes.length) throw new ValidationError("truncated ZATCA TLV header", { qr: "VALUE_INVALID" });
    const tag = bytes[i]!;
    const length = bytes[i + 1]!;
    const end = i + 2 + length;
    if (end > bytes.length) throw new ValidationError(`truncated ZATCA TLV value for tag ${tag}`, { qr: "VALUE_INVALID" });
    fields.push({ tag, value: bytes.subarray(i + 2, end).toString("utf8") });
    i = end;
  }
  return fields;
}
