/**
 * Seeds ~60 service requests over every status by calling the marketplace domain commands
 * (so status logs, audit rows and events are real), then back-dates their timelines over the
 * last 90 days, adds attachments, chat messages, reviews and the providers' rating averages.
 */
import type { Offer, Review, ServiceRequest, Thread } from "@prisma/client";
import * as marketplace from "../../src/domains/marketplace/index.js";
import type { Ctx } from "../../src/platform/context.js";
import type { Catalog, CatalogSubcategory } from "./catalog.seed.js";
import { count, type SeedContext } from "./context.js";
import { CANCEL_REASONS, CHAT, CHAT_AFTER_COMPLETION, OFFER_MESSAGES, PROVIDER_REPLIES, REVIEW_COMMENTS } from "./marketplace.data.js";
import { cityInfo } from "./people.data.js";
import type { People, SeededClient, SeededProvider } from "./people.seed.js";
import type { Rng } from "./random.js";
import type { StaffByRole } from "./staff.seed.js";
import { addHours, daysAgo, HOUR, MINUTE, minDate } from "./time.js";

type CancelAt = "new" | "has_offers" | "offer_accepted" | "in_progress";

/** The story one demo request goes through. */
export type Scenario =
  | { kind: "new"; withdrawn?: boolean }
  | { kind: "has_offers"; withdrawOne?: boolean }
  | { kind: "offer_accepted" }
  | { kind: "in_progress" }
  | { kind: "completed" }
  | { kind: "cancelled"; by: "client" | "staff"; at: CancelAt };

/** A created request with the people and rows around it. */
export interface SeededRequest {
  request: ServiceRequest;
  scenario: Scenario;
  client: SeededClient;
  /** the provider whose offer was accepted */
  provider?: SeededProvider;
  offers: Offer[];
  thread?: Thread;
  review?: Review;
  /** when the last step happened */
  lastAt: Date;
}

/** Everything the marketplace seed created, for the modules after it. */
export interface MarketplaceResult {
  requests: SeededRequest[];
}

function repeat(n: number, s: Scenario): Scenario[] {
  return Array.from({ length: n }, () => s);
}

/** 60 stories: every request and offer status appears, with withdrawals and both kinds of cancellation. */
const PLAN: Scenario[] = [
  ...repeat(7, { kind: "new" }),
  { kind: "new", withdrawn: true },
  ...repeat(8, { kind: "has_offers" }),
  ...repeat(2, { kind: "has_offers", withdrawOne: true }),
  ...repeat(8, { kind: "offer_accepted" }),
  ...repeat(8, { kind: "in_progress" }),
  ...repeat(18, { kind: "completed" }),
  ...repeat(2, { kind: "cancelled", by: "client", at: "new" }),
  ...repeat(2, { kind: "cancelled", by: "client", at: "has_offers" }),
  { kind: "cancelled", by: "client", at: "offer_accepted" },
  ...repeat(2, { kind: "cancelled", by: "staff", at: "in_progress" }),
  { kind: "cancelled", by: "staff", at: "has_offers" },
];

/** How many days ago requests of each kind were posted (min, max). */
const AGE: Record<Scenario["kind"], readonly [number, number]> = {
  new: [0.1, 5],
  has_offers: [0.5, 9],
  offer_accepted: [2, 14],
  in_progress: [3, 20],
  completed: [7, 89],
  cancelled: [2, 85],
};

type Action =
  | { do: "create" }
  | { do: "offer"; provider: SeededProvider }
  | { do: "withdraw"; index: number }
  | { do: "accept"; index: number }
  | { do: "start" }
  | { do: "complete" }
  | { do: "cancel"; by: "client" | "staff"; at: CancelAt };

const ctxOf = (type: "client" | "provider" | "staff", id: number, label: string | null): Ctx => ({ actor: { type, id, label: label ?? undefined } });

function needsOffers(s: Scenario): boolean {
  if (s.kind === "new") return !!s.withdrawn;
  if (s.kind === "cancelled") return s.at !== "new";
  return true;
}

function plannedActions(s: Scenario, offerers: SeededProvider[], accepted: number, rng: Rng): Action[] {
  const acts: Action[] = [{ do: "create" }];
  const offers = (): void => {
    for (const p of offerers) acts.push({ do: "offer", provider: p });
  };
  const acceptThen = (): void => {
    offers();
    acts.push({ do: "accept", index: accepted });
  };
  switch (s.kind) {
    case "new":
      if (s.withdrawn) {
        offers();
        acts.push({ do: "withdraw", index: 0 });
      }
      break;
    case "has_offers":
      offers();
      if (s.withdrawOne && offerers.length >= 2) acts.push({ do: "withdraw", index: rng.int(0, offerers.length - 2) });
      break;
    case "offer_accepted":
      acceptThen();
      break;
    case "in_progress":
      acceptThen();
      acts.push({ do: "start" });
      break;
    case "completed":
      acceptThen();
      acts.push({ do: "start" }, { do: "complete" });
      break;
    case "cancelled":
      if (s.at === "has_offers") offers();
      if (s.at === "offer_accepted" || s.at === "in_progress") acceptThen();
      if (s.at === "in_progress") acts.push({ do: "start" });
      acts.push({ do: "cancel", by: s.by, at: s.at });
      break;
  }
  return acts;
}

/** Hours after the previous step at which each action happens. */
function gapHours(a: Action, rng: Rng, estimatedDays: number): number {
  switch (a.do) {
    case "create": return 0;
    case "offer": return rng.float(0.5, 16);
    case "withdraw": return rng.float(2, 30);
    case "accept": return rng.float(3, 40);
    case "start": return rng.float(12, 60);
    case "complete": return Math.max(3, estimatedDays * 24 * rng.float(0.4, 1));
    case "cancel": return rng.float(2, 60);
  }
}

/** Creates the requests through the domain commands and back-dates them. */
export async function seedMarketplace(sc: SeedContext, catalog: Catalog, people: People, staff: StaffByRole): Promise<MarketplaceResult> {
  const rng = sc.rng("marketplace");
  const latest = new Date(sc.now.getTime() - 45 * MINUTE);
  const subsCycle: CatalogSubcategory[] = [];
  while (subsCycle.length < PLAN.length) subsCycle.push(...rng.shuffle(catalog.subcategories));
  const providersOf = (sub: CatalogSubcategory) => people.providers.filter((p) => p.subcategories.some((s) => s.id === sub.id));

  // Posting times first (daytime in Riyadh), then the stories in that order, so ids follow dates.
  const planned = PLAN.map((scenario) => {
    const [minAge, maxAge] = AGE[scenario.kind];
    const posted = daysAgo(sc.now, Math.floor(rng.float(minAge, maxAge)), rng.float(8, 23.5));
    return { scenario, base: minDate(posted, addHours(sc.now, -2 - rng.float(0, 2))) };
  }).sort((a, b) => a.base.getTime() - b.base.getTime());

  const results: SeededRequest[] = [];
  for (const [i, { scenario, base }] of planned.entries()) {
    const withdrawOne = scenario.kind === "has_offers" && !!scenario.withdrawOne;
    const activeProviders = (s: CatalogSubcategory) => providersOf(s).filter((p) => p.user.createdAt < base);
    let sub = subsCycle[i]!;
    // A withdrawal that leaves the request in has_offers needs two offerers.
    if (withdrawOne && activeProviders(sub).length < 2) sub = rng.pick(catalog.subcategories.filter((s) => activeProviders(s).length >= 2));

    const candidates = rng.shuffle(activeProviders(sub));
    const wanted = withdrawOne ? rng.int(2, 3) : scenario.kind === "new" ? 1 : rng.weighted([[1, 3], [2, 4], [3, 3]] as const);
    const offerers = needsOffers(scenario) ? candidates.slice(0, Math.min(candidates.length, wanted)) : [];
    if (needsOffers(scenario) && offerers.length === 0) throw new Error(`no provider for ${sub.slug}`);
    const acceptedIdx = rng.int(0, Math.max(0, offerers.length - 1));

    const localCities = new Set(offerers.map((p) => p.seed.city));
    const eligible = people.clients.filter((c) => c.user.createdAt.getTime() < base.getTime() - 24 * HOUR);
    const nearby = eligible.filter((c) => localCities.has(c.seed.city));
    const client = rng.pick(nearby.length > 0 && rng.chance(0.75) ? nearby : eligible);
    const lang = client.seed.language;
    const template = rng.pick(sub.seed.requests);
    const district = rng.pick(cityInfo(client.seed.city).districts);
    const [lo, hi] = sub.seed.price;
    const estimatedDays = rng.int(1, 5);

    // Plan the timeline, then squeeze it if it would run past "now".
    const actions = plannedActions(scenario, offerers, acceptedIdx, rng);
    const gaps = actions.map((a) => gapHours(a, rng, estimatedDays));
    const total = gaps.reduce((s, g) => s + g, 0);
    const room = (latest.getTime() - base.getTime()) / HOUR;
    const factor = total > room ? room / total : 1;
    let t = base;
    const times = gaps.map((g) => (t = addHours(t, g * factor)));

    const clientCtx = ctxOf("client", client.user.id, client.user.phone);
    const staffCtx = ctxOf("staff", staff.support.id, staff.support.email);
    let request!: ServiceRequest;
    const offers: Offer[] = [];
    for (const [k, action] of actions.entries()) {
      const at = times[k]!;
      switch (action.do) {
        case "create": {
          const withBudget = rng.chance(0.65);
          const budgetMin = withBudget ? Math.round(lo * rng.float(1, 1.5) / 10) * 1000 : undefined;
          request = await marketplace.createRequest(sc.deps, clientCtx, {
            title: lang === "ar" ? template.titleAr : template.titleEn,
            description: lang === "ar" ? template.descAr : template.descEn,
            subcategoryId: sub.id,
            city: client.seed.city,
            address: lang === "ar" ? `${district[0]}، ${cityInfo(client.seed.city).nameAr}` : `${district[1]}, ${client.seed.city}`,
            budgetMin,
            budgetMax: budgetMin === undefined ? undefined : Math.max(budgetMin, Math.round(hi * rng.float(0.5, 1) / 10) * 1000),
            priority: rng.weighted([["normal", 70], ["high", 15], ["urgent", 8], ["low", 7]] as const),
            preferredDate: rng.chance(0.5) ? addHours(base, rng.int(1, 7) * 24 + 6) : undefined,
          });
          break;
        }
        case "offer": {
          const p = action.provider;
          const pl = p.seed.language;
          const price = Math.round(rng.float(lo, hi * 0.8) / 10) * 1000;
          const offer = await marketplace.submitOffer(sc.deps, ctxOf("provider", p.user.id, p.user.phone), request.id, {
            price,
            message: rng.pick(OFFER_MESSAGES[pl]).replace("{d}", String(estimatedDays)),
            estimatedDays,
          });
          offers.push(offer);
          break;
        }
        case "withdraw": {
          const offer = offers[action.index]!;
          const p = offerers[action.index]!;
          await marketplace.withdrawOffer(sc.deps, ctxOf("provider", p.user.id, p.user.phone), offer.id);
          break;
        }
        case "accept":
          await marketplace.acceptOffer(sc.deps, clientCtx, offers[action.index]!.id);
          break;
        case "start": {
          const p = offerers[acceptedIdx]!;
          await marketplace.startRequest(sc.deps, ctxOf("provider", p.user.id, p.user.phone), request.id);
          break;
        }
        case "complete": {
          const p = offerers[acceptedIdx]!;
          await marketplace.completeRequest(sc.deps, ctxOf("provider", p.user.id, p.user.phone), request.id);
          break;
        }
        case "cancel": {
          if (action.by === "client") {
            const reasons = CANCEL_REASONS.client[action.at as "new" | "has_offers" | "offer_accepted"];
            await marketplace.cancelRequest(sc.deps, clientCtx, request.id, reasons[lang]);
          } else {
            await marketplace.cancelRequest(sc.deps, staffCtx, request.id, CANCEL_REASONS.staff[action.at as "has_offers" | "in_progress"]);
          }
          break;
        }
      }
      await stampStep(sc, request.id, offers.map((o) => o.id), at);
    }
    count(sc, "marketplace_offer", offers.length);

    const lastAt = times[times.length - 1]!;
    const finalRequest = await sc.tx.serviceRequest.findUniqueOrThrow({ where: { id: request.id } });
    const accepted = finalRequest.acceptedOfferId ? offerers[acceptedIdx] : undefined;
    const seeded: SeededRequest = { request: finalRequest, scenario, client, provider: accepted, offers, lastAt };

    if (i % 3 === 0) await seedAttachments(sc, rng, finalRequest, client);
    if (accepted) seeded.thread = await seedChat(sc, rng, seeded, times[actions.findIndex((a) => a.do === "accept")]!, latest);
    if (finalRequest.status === "completed" && accepted) seeded.review = await seedReview(sc, rng, seeded, results.filter((r) => r.review).length, latest);
    results.push(seeded);
  }
  count(sc, "marketplace_servicerequest", results.length);

  await sc.tx.$executeRaw`
    UPDATE providers_providerprofile p SET
      rating_avg = COALESCE((SELECT round(avg(r.rating) * 100)::int FROM reviews_review r WHERE r.provider_id = p.id AND NOT r.is_hidden AND r.deleted_at IS NULL), 0),
      rating_count = (SELECT count(*)::int FROM reviews_review r WHERE r.provider_id = p.id AND NOT r.is_hidden AND r.deleted_at IS NULL)
    WHERE p.id = ANY(${people.providers.map((p) => p.profile.id)})`;
  const statusLogs = await sc.tx.requestStatusLog.count({ where: { requestId: { in: results.map((r) => r.request.id) } } });
  count(sc, "marketplace_requeststatuslog", statusLogs);
  return { requests: results };
}

/**
 * Moves what the last domain command wrote (request timestamps, status-log rows, offers, the
 * thread, its events) to the planned moment `at`. Rows back-dated by earlier steps are older
 * than `freshSince` and stay as they are.
 */
async function stampStep(sc: SeedContext, requestId: number, offerIds: number[], at: Date): Promise<void> {
  await sc.tx.$executeRawUnsafe(
    `WITH logs AS (
       UPDATE marketplace_requeststatuslog SET created_at = $2 WHERE request_id = $1 AND created_at >= $3 RETURNING id
     ), offers AS (
       UPDATE marketplace_offer SET created_at = CASE WHEN created_at >= $3 THEN $2 ELSE created_at END, updated_at = $2
       WHERE request_id = $1 AND updated_at >= $3 RETURNING id
     ), threads AS (
       UPDATE messaging_thread SET created_at = $2, updated_at = $2 WHERE request_id = $1 AND created_at >= $3 RETURNING id
     ), events AS (
       UPDATE notifications_eventlog SET created_at = $2
       WHERE created_at >= $3 AND ((entity = 'ServiceRequest' AND entity_id = $1::text) OR (entity = 'Offer' AND entity_id = ANY($4::text[]))) RETURNING id
     )
     UPDATE marketplace_servicerequest SET
       updated_at = $2,
       created_at = CASE WHEN created_at >= $3 THEN $2 ELSE created_at END,
       started_at = CASE WHEN started_at >= $3 THEN $2 ELSE started_at END,
       completed_at = CASE WHEN completed_at >= $3 THEN $2 ELSE completed_at END,
       cancelled_at = CASE WHEN cancelled_at >= $3 THEN $2 ELSE cancelled_at END
     WHERE id = $1`,
    requestId, at, sc.freshSince, offerIds.map(String),
  );
}

async function seedAttachments(sc: SeedContext, rng: Rng, request: ServiceRequest, client: SeededClient): Promise<void> {
  const n = rng.int(1, 2);
  const data = Array.from({ length: n }, (_, k) => {
    const taken = addHours(request.createdAt, -rng.float(1, 30));
    const stamp = taken.toISOString().slice(0, 10).replace(/-/g, "");
    return {
      requestId: request.id,
      uploadedById: client.user.id,
      fileName: `IMG_${stamp}_${String(rng.int(1000, 2359))}.jpg`,
      mimeType: "image/jpeg",
      sizeBytes: rng.int(180_000, 3_200_000),
      storageKey: `demo/requests/${request.id}/photo-${k + 1}.jpg`,
      createdAt: addHours(request.createdAt, 0.01 * (k + 1)),
    };
  });
  await sc.tx.serviceRequestAttachment.createMany({ data });
  count(sc, "marketplace_servicerequestattachment", n);
}

async function seedChat(sc: SeedContext, rng: Rng, r: SeededRequest, acceptedAt: Date, latest: Date): Promise<Thread> {
  const thread = await sc.tx.thread.findUniqueOrThrow({ where: { requestId: r.request.id } });
  const lang = r.client.seed.language;
  const providerUserId = thread.providerId;
  const done = r.request.status === "completed";
  const lines: string[] = CHAT[lang].slice(0, rng.int(2, CHAT[lang].length));
  if (lines.length % 2 === 1) lines.pop();
  if (done) lines.push(...CHAT_AFTER_COMPLETION[lang]);
  const end = r.request.status === "offer_accepted" || r.request.status === "in_progress" ? latest : minDate(latest, r.lastAt);
  const span = Math.max(end.getTime() - acceptedAt.getTime(), 10 * MINUTE);
  let t = acceptedAt.getTime();
  const stamps = lines.map((_, k) => {
    const completionMsg = done && k >= lines.length - 2;
    t = completionMsg ? Math.max(t + MINUTE, r.lastAt.getTime() + (k - lines.length + 3) * 20 * MINUTE) : t + (span / (lines.length + 1)) * rng.float(0.5, 1);
    return new Date(Math.min(t, latest.getTime() + 30 * MINUTE));
  });
  const messages = await sc.tx.message.createManyAndReturn({
    data: lines.map((body, k) => ({ threadId: thread.id, senderId: k % 2 === 0 ? r.client.user.id : providerUserId, body, createdAt: stamps[k]! })),
    select: { id: true, senderId: true, createdAt: true },
  });
  // Everything but the newest message has been read by the other side.
  const reads = messages.slice(0, -1).map((m, k) => ({
    messageId: m.id,
    userId: m.senderId === r.client.user.id ? providerUserId : r.client.user.id,
    readAt: messages[k + 1]!.createdAt,
  }));
  if (reads.length) await sc.tx.messageRead.createMany({ data: reads });
  const last = messages[messages.length - 1]?.createdAt ?? acceptedAt;
  await sc.tx.thread.update({ where: { id: thread.id }, data: { lastMessageAt: last, updatedAt: last } });
  count(sc, "messaging_thread");
  count(sc, "messaging_message", messages.length);
  count(sc, "messaging_messageread", reads.length);
  return thread;
}

async function seedReview(sc: SeedContext, rng: Rng, r: SeededRequest, index: number, latest: Date): Promise<Review> {
  const lang = r.client.seed.language;
  // Mostly 4-5 stars; one 2-star and one hidden 1-star (offensive wording) for moderation demos.
  const rating = index === 4 ? 2 : index === 9 ? 1 : rng.weighted([[5, 55], [4, 32], [3, 13]] as const);
  const createdAt = minDate(addHours(r.lastAt, rng.float(1, 60)), latest);
  const reply = rng.chance(0.45) || rating <= 2;
  const replyAt = minDate(addHours(createdAt, rng.float(1, 30)), latest);
  const providerLang = r.provider!.seed.language;
  const review = await sc.tx.review.create({
    data: {
      requestId: r.request.id,
      providerId: r.request.providerId!,
      clientId: r.client.user.id,
      rating,
      comment: rng.pick(REVIEW_COMMENTS[rating]![lang]),
      providerReply: reply && rating !== 1 ? PROVIDER_REPLIES[providerLang][rating >= 4 ? 0 : 1] : null,
      providerRepliedAt: reply && rating !== 1 ? replyAt : null,
      isHidden: rating === 1,
      hiddenReason: rating === 1 ? "Offensive wording (moderation)" : null,
      createdAt,
      updatedAt: reply ? replyAt : createdAt,
    },
  });
  count(sc, "reviews_review");
  return review;
}
