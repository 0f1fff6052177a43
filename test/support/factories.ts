/** Builders for test data: `createX(db, overrides)` writes a valid row with unique values. */
import type { PrismaClient, User, ProviderProfile, Subcategory } from "@prisma/client";

let n = 0;
const seq = () => `${process.pid}${++n}${Math.floor(Math.random() * 1e4)}`;

export async function createUser(db: PrismaClient, overrides: Partial<User> = {}): Promise<User> {
  const s = seq();
  return db.user.create({
    data: { fullName: `User ${s}`, phone: `+9665${s.padStart(8, "0").slice(-8)}`, userType: "client", language: "en", ...overrides },
  });
}

export async function createProvider(db: PrismaClient, overrides: Partial<ProviderProfile> = {}): Promise<ProviderProfile & { user: User }> {
  const user = await createUser(db, { userType: "provider" });
  const profile = await db.providerProfile.create({ data: { userId: user.id, displayName: `Provider ${user.id}`, city: "Riyadh", ...overrides } });
  return { ...profile, user };
}

export async function createSubcategory(db: PrismaClient): Promise<Subcategory> {
  const s = seq();
  const category = await db.category.create({ data: { nameAr: `تصنيف ${s}`, nameEn: `Category ${s}`, slug: `cat-${s}` } });
  return db.subcategory.create({ data: { categoryId: category.id, nameAr: `فرعي ${s}`, nameEn: `Sub ${s}`, slug: `sub-${s}` } });
}

/** A staff user with an access profile; the password is hashed like real ones. */
export async function createStaff(
  db: PrismaClient,
  role: "admin" | "support" | "verification" | "finance" | "content" | "management",
  password: string,
  language: "ar" | "en" = "en",
): Promise<User> {
  const { hashPassword } = await import("../../src/domains/backoffice/passwords.js");
  const user = await createUser(db, { userType: "staff", email: `${role}.${seq()}@staff.test`, passwordHash: await hashPassword(password), language });
  await db.userAccessProfile.create({ data: { userId: user.id, role, language } });
  return user;
}
