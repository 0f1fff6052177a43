/**
 * Seeds the app users: ~25 clients and ~15 providers (E.164 Saudi mobiles, Arabic and English),
 * provider profiles with bios, categories, priced services and portfolios, follows and likes.
 */
import type { ProviderProfile, User } from "@prisma/client";
import type { Catalog, CatalogSubcategory } from "./catalog.seed.js";
import { count, type SeedContext } from "./context.js";
import { CLIENTS, MOBILE_PREFIXES, PROVIDERS, type PersonSeed, type ProviderSeed } from "./people.data.js";
import type { Rng } from "./random.js";
import { addDays, daysAgo } from "./time.js";

/** A created client. */
export interface SeededClient {
  user: User;
  seed: PersonSeed;
}

/** A created provider with profile and subcategories. */
export interface SeededProvider {
  user: User;
  profile: ProviderProfile;
  seed: ProviderSeed;
  subcategories: CatalogSubcategory[];
}

/** All created app users. */
export interface People {
  clients: SeededClient[];
  providers: SeededProvider[];
}

function uniquePhone(rng: Rng, used: Set<string>): string {
  for (;;) {
    const phone = `+9665${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, "0")}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

/** Creates the clients and providers with everything on their profiles. */
export async function seedPeople(sc: SeedContext, catalog: Catalog): Promise<People> {
  const rng = sc.rng("people");
  const phones = new Set<string>();
  const clients: SeededClient[] = [];
  for (const [i, p] of CLIENTS.entries()) {
    // Most clients joined long ago; the last three joined this month.
    const joinedDaysAgo = i >= CLIENTS.length - 3 ? rng.int(5, 25) : rng.int(100, 520);
    const createdAt = daysAgo(sc.now, joinedDaysAgo, rng.int(8, 23));
    const user = await sc.tx.user.create({
      data: {
        phone: uniquePhone(rng, phones),
        email: p.email ? `${p.email}@example.com` : null,
        fullName: p.language === "ar" ? p.nameAr : p.nameEn,
        userType: "client",
        language: p.language,
        city: p.city,
        // One client was suspended by support after repeated no-shows.
        isActive: i !== 9,
        lastLoginAt: rng.chance(0.9) ? daysAgo(sc.now, rng.float(0.05, Math.min(20, joinedDaysAgo))) : null,
        createdAt,
        updatedAt: createdAt,
      },
    });
    clients.push({ user, seed: p });
  }

  const providers: SeededProvider[] = [];
  for (const [i, p] of PROVIDERS.entries()) {
    const joinedDaysAgo = i === 13 ? 60 : rng.int(380, 900);
    const createdAt = daysAgo(sc.now, joinedDaysAgo, rng.int(8, 22));
    const user = await sc.tx.user.create({
      data: {
        phone: uniquePhone(rng, phones),
        email: p.email ? `${p.email}@example.com` : null,
        fullName: p.language === "ar" ? p.nameAr : p.nameEn,
        userType: "provider",
        language: p.language,
        city: p.city,
        lastLoginAt: daysAgo(sc.now, rng.float(0.02, 6)),
        createdAt,
        updatedAt: createdAt,
      },
    });
    const [bioFirst, bioSecond] = p.language === "ar" ? [p.bioAr, p.bioEn] : [p.bioEn, p.bioAr];
    const profile = await sc.tx.providerProfile.create({
      data: {
        userId: user.id,
        displayName: p.language === "ar" ? p.displayNameAr : p.displayNameEn,
        bio: `${bioFirst}\n\n${bioSecond}`,
        city: p.city,
        yearsExperience: p.yearsExperience,
        acceptsUrgent: p.acceptsUrgent,
        createdAt: addDays(createdAt, 0.02),
        updatedAt: addDays(createdAt, 0.02),
      },
    });
    const subs = p.subcategories.map((slug) => {
      const s = catalog.bySlug.get(slug);
      if (!s) throw new Error(`provider ${p.nameEn}: unknown subcategory ${slug}`);
      return s;
    });
    await sc.tx.providerCategory.createMany({ data: subs.map((s) => ({ providerId: profile.id, subcategoryId: s.id, createdAt: addDays(createdAt, 0.03) })) });
    count(sc, "providers_providercategory", subs.length);

    const services = subs.map((s) => {
      const [lo, hi] = s.seed.price;
      const from = Math.round((lo * rng.float(0.9, 1.2)) / 5) * 5 * 100;
      const to = Math.round((hi * rng.float(0.8, 1.1)) / 10) * 10 * 100;
      return {
        providerId: profile.id,
        subcategoryId: s.id,
        title: p.language === "ar" ? s.seed.serviceAr : s.seed.serviceEn,
        description: p.language === "ar" ? `${s.seed.serviceAr} — ${p.displayNameAr}` : `${s.seed.serviceEn} by ${p.displayNameEn}`,
        priceFrom: from,
        priceTo: Math.max(to, from + 5000),
        priceUnit: s.seed.unit,
        createdAt: addDays(createdAt, 0.05),
        updatedAt: addDays(createdAt, rng.float(1, 60)),
      };
    });
    // A provider sometimes keeps an old service switched off.
    if (i % 5 === 2 && subs[0]) {
      services.push({ ...services[0]!, title: p.language === "ar" ? `عرض موسمي: ${subs[0].seed.serviceAr}` : `Seasonal offer: ${subs[0].seed.serviceEn}`, createdAt: addDays(createdAt, 10), updatedAt: addDays(createdAt, 40) });
    }
    const created = await sc.tx.providerService.createManyAndReturn({ data: services, select: { id: true } });
    if (i % 5 === 2 && created.length > 0) await sc.tx.providerService.update({ where: { id: created[created.length - 1]!.id }, data: { isActive: false } });
    count(sc, "providers_providerservice", services.length);

    const portfolio = rng.sample(subs, Math.min(subs.length, 3)).concat(subs.length < 2 ? subs : []);
    await sc.tx.providerPortfolioItem.createMany({
      data: portfolio.map((s, n) => ({
        providerId: profile.id,
        title: (p.language === "ar" ? s.seed.portfolioAr : s.seed.portfolioEn) + (n > 0 && portfolio.indexOf(s) < n ? (p.language === "ar" ? " (٢)" : " (2)") : ""),
        description: p.language === "ar" ? `من أعمالنا في ${s.seed.nameAr}` : `Recent ${s.seed.nameEn.toLowerCase()} work`,
        imageKey: `demo/portfolio/${profile.id}/${n + 1}.jpg`,
        mimeType: "image/jpeg",
        createdAt: addDays(createdAt, rng.float(5, joinedDaysAgo - 1)),
      })),
    });
    count(sc, "providers_providerportfolioitem", portfolio.length);
    providers.push({ user, profile, seed: p, subcategories: subs });
  }
  count(sc, "accounts_user (clients)", clients.length);
  count(sc, "accounts_user (providers)", providers.length);
  count(sc, "providers_providerprofile", providers.length);

  await seedFollowsAndLikes(sc, rng, clients, providers);
  return { clients, providers };
}

async function seedFollowsAndLikes(sc: SeedContext, rng: Rng, clients: SeededClient[], providers: SeededProvider[]): Promise<void> {
  const follows: { userId: number; providerId: number; createdAt: Date }[] = [];
  const likes: { userId: number; providerId: number; createdAt: Date }[] = [];
  for (const c of clients) {
    const when = () => daysAgo(sc.now, rng.float(1, 90));
    for (const p of rng.sample(providers, rng.int(0, 3))) follows.push({ userId: c.user.id, providerId: p.profile.id, createdAt: when() });
    for (const p of rng.sample(providers, rng.int(0, 4))) likes.push({ userId: c.user.id, providerId: p.profile.id, createdAt: when() });
  }
  await sc.tx.providerFollow.createMany({ data: follows });
  await sc.tx.providerLike.createMany({ data: likes });
  const items = await sc.tx.providerPortfolioItem.findMany({ where: { providerId: { in: providers.map((p) => p.profile.id) } }, select: { id: true } });
  const itemLikes: { userId: number; itemId: number; createdAt: Date }[] = [];
  for (const c of clients) {
    for (const it of rng.sample(items, rng.int(0, 4))) itemLikes.push({ userId: c.user.id, itemId: it.id, createdAt: daysAgo(sc.now, rng.float(1, 90)) });
  }
  await sc.tx.providerPortfolioLike.createMany({ data: itemLikes });
  // Keep the denormalised counters equal to the link rows.
  await sc.tx.$executeRaw`
    UPDATE providers_providerprofile p SET
      followers_count = (SELECT count(*) FROM providers_providerfollow f WHERE f.provider_id = p.id),
      likes_count = (SELECT count(*) FROM providers_providerlike l WHERE l.provider_id = p.id)
    WHERE p.id = ANY(${providers.map((p) => p.profile.id)})`;
  await sc.tx.$executeRaw`
    UPDATE providers_providerportfolioitem i SET likes_count = (SELECT count(*) FROM providers_providerportfoliolike l WHERE l.item_id = i.id)
    WHERE i.id = ANY(${items.map((i) => i.id)})`;
  count(sc, "providers_providerfollow", follows.length);
  count(sc, "providers_providerlike", likes.length);
  count(sc, "providers_providerportfoliolike", itemLikes.length);
}
