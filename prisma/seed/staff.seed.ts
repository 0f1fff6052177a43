/**
 * The demo staff accounts (one per panel role, and a second finance member so four-eyes approvals
 * can be tried: one asks, the other approves) and their shared password: chosen by
 * DEMO_PASSWORD, or generated once with the OS random generator and printed at first start.
 */
import { randomInt } from "node:crypto";
import type { Language, StaffRole, User } from "@prisma/client";
import { hashPassword, verifyPassword } from "../../src/domains/backoffice/passwords.js";
import type { Tx } from "../../src/platform/database/transaction.js";
import { count, type SeedContext } from "./context.js";

/** A demo staff account. */
export interface StaffSeed {
  role: StaffRole;
  email: string;
  fullName: string;
  language: Language;
  permissions?: Record<string, boolean>;
}

/** One staff member per role (two in finance); the name shows the panel language first, then the other script. */
export const DEMO_STAFF: readonly StaffSeed[] = [
  { role: "admin", email: "admin@example.com", fullName: "Sami Al-Otaibi (سامي العتيبي)", language: "en" },
  { role: "support", email: "support@example.com", fullName: "نورة الشهري (Noura Al-Shehri)", language: "ar" },
  { role: "verification", email: "verification@example.com", fullName: "عبدالرحمن الغامدي (Abdulrahman Al-Ghamdi)", language: "ar" },
  { role: "finance", email: "finance@example.com", fullName: "Lama Al-Qahtani (لمى القحطاني)", language: "en", permissions: { "invoice.markPaid": true } },
  { role: "finance", email: "finance2@example.com", fullName: "عمر الحربي (Omar Al-Harbi)", language: "ar" },
  { role: "content", email: "content@example.com", fullName: "ريم الزهراني (Reem Al-Zahrani)", language: "ar" },
  { role: "management", email: "management@example.com", fullName: "Faisal Al-Dosari (فيصل الدوسري)", language: "en" },
];

/** The demo staff e-mail addresses, in role order. */
export const DEMO_STAFF_EMAILS: readonly string[] = DEMO_STAFF.map((s) => s.email);

/** The created staff users by role. */
export type StaffByRole = Record<StaffRole, User>;

const READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random, readable password: four groups of four characters (about 92 bits), e.g. "k7Qm-x4Rt-9pWz-c2Hn". */
export function generateDemoPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = "";
    for (let i = 0; i < 4; i++) s += READABLE[randomInt(READABLE.length)];
    groups.push(s);
  }
  return groups.join("-");
}

/** Creates (or takes over, by e-mail) the demo staff users with their access profiles, all with one password hash. */
export async function seedStaff(sc: SeedContext, passwordHash: string): Promise<StaffByRole> {
  const out = {} as StaffByRole;
  for (const s of DEMO_STAFF) {
    const data = { fullName: s.fullName, userType: "staff" as const, language: s.language, city: "Riyadh", passwordHash, isActive: true, deletedAt: null };
    const user = await sc.tx.user.upsert({ where: { email: s.email }, create: { email: s.email, ...data, createdAt: new Date(sc.now.getTime() - 200 * 86_400_000) }, update: data });
    await sc.tx.userAccessProfile.upsert({
      where: { userId: user.id },
      create: { userId: user.id, role: s.role, language: s.language, permissions: s.permissions ?? undefined },
      update: { role: s.role, language: s.language, isActive: true },
    });
    // The first member of a role is the one the demo data names (finance2 only approves).
    out[s.role] ??= user;
  }
  count(sc, "accounts_user (staff)", DEMO_STAFF.length);
  count(sc, "backoffice_useraccessprofile", DEMO_STAFF.length);
  return out;
}

/**
 * On a database seeded earlier: gives every demo staff user whose hash does not match `password`
 * a new hash (hashed once, reused). Returns how many were updated.
 */
export async function resetStaffPasswords(tx: Tx, password: string): Promise<number> {
  const users = await tx.user.findMany({ where: { email: { in: [...DEMO_STAFF_EMAILS] }, userType: "staff" }, select: { id: true, passwordHash: true } });
  const verdicts = new Map<string, boolean>();
  const stale: number[] = [];
  for (const u of users) {
    const key = u.passwordHash ?? "";
    if (!verdicts.has(key)) verdicts.set(key, await verifyPassword(u.passwordHash, password));
    if (!verdicts.get(key)) stale.push(u.id);
  }
  if (stale.length === 0) return 0;
  const hash = await hashPassword(password);
  await tx.user.updateMany({ where: { id: { in: stale } }, data: { passwordHash: hash } });
  return stale.length;
}
