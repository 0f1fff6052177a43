/**
 * The one home of the formula-neutralisation rule (CSV/formula injection, OWASP's list): a text
 * cell starting with one of these characters is run as a formula (or becomes one) by Excel,
 * LibreOffice and Sheets, so it is written with a leading apostrophe and shown as text. List
 * exports apply it in PostgreSQL (`neutraliseSql`, their rows are formatted there); reports,
 * headings, payout batches and reconciliation CSVs, whose values are in JavaScript, apply
 * `neutralise`. Both are built from this list.
 */
export const FORMULA_START_CHARS = ["=", "+", "-", "@", "\t", "\r"] as const;

const FORMULA_START = new RegExp(`^[${FORMULA_START_CHARS.map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}]`);

/** Prefixes a value a spreadsheet would evaluate with an apostrophe, so it is shown as text. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

// ascii() reads the first character's code without copying the string (left(x, 1) allocates one).
const CODES = FORMULA_START_CHARS.map((c) => c.charCodeAt(0)).join(", ");

/** The same rule as an SQL expression over a text expression `e` (null stays null). */
export function neutraliseSql(e: string): string {
  return `(CASE WHEN ascii(${e}) IN (${CODES}) THEN '''' || ${e} ELSE ${e} END)`;
}
