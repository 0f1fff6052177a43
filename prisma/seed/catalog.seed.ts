/** Seeds the service catalog: categories and their subcategories. */
import type { Category, Subcategory } from "@prisma/client";
import { CATEGORIES, type SubcategorySeed } from "./catalog.data.js";
import { count, type SeedContext } from "./context.js";
import { daysAgo } from "./time.js";

/** A created subcategory with its seed data and category. */
export interface CatalogSubcategory extends Subcategory {
  seed: SubcategorySeed;
  category: Category;
}

/** The created catalog, with subcategories by slug. */
export interface Catalog {
  categories: Category[];
  subcategories: CatalogSubcategory[];
  bySlug: Map<string, CatalogSubcategory>;
}

/** Creates the ~6 categories with 3-4 subcategories each (Arabic and English names, slugs, icons). */
export async function seedCatalog(sc: SeedContext): Promise<Catalog> {
  const categories: Category[] = [];
  const subcategories: CatalogSubcategory[] = [];
  const createdAt = daysAgo(sc.now, 420, 10);
  for (const [ci, c] of CATEGORIES.entries()) {
    const category = await sc.tx.category.create({ data: { nameAr: c.nameAr, nameEn: c.nameEn, slug: c.slug, icon: c.icon, sortOrder: (ci + 1) * 10, createdAt } });
    categories.push(category);
    const subs = await sc.tx.subcategory.createManyAndReturn({
      data: c.subcategories.map((s, si) => ({ categoryId: category.id, nameAr: s.nameAr, nameEn: s.nameEn, slug: s.slug, icon: s.icon, sortOrder: (si + 1) * 10, createdAt })),
    });
    for (const sub of subs) {
      const seed = c.subcategories.find((s) => s.slug === sub.slug);
      if (seed) subcategories.push({ ...sub, seed, category });
    }
  }
  // One retired subcategory, so the panel shows an inactive row too.
  await sc.tx.subcategory.create({
    data: { categoryId: categories[0]!.id, nameAr: "صيانة أبواب خشب", nameEn: "Wooden Door Repair", slug: "wooden-door-repair", icon: "door-open", sortOrder: 90, isActive: false, createdAt },
  });
  count(sc, "providers_category", categories.length);
  count(sc, "providers_subcategory", subcategories.length + 1);
  return { categories, subcategories, bySlug: new Map(subcategories.map((s) => [s.slug, s])) };
}
