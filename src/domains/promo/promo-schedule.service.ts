/**
 * The schedule: approved promotions go live at their start and live ones end at their end, each
 * move with its event, status log and audit row. The caller passes `now` (the job: the clock;
 * tests: any instant). Safe to run any number of times and from several workers: each move is
 * its own transaction, and a request another run moved first is skipped.
 */
import type { Ctx } from "../../platform/context.js";
import type { Deps } from "../../platform/deps.js";
import { ConflictError } from "../../platform/errors.js";
import { movePromo, promoFacts } from "./promo.service.js";
import { PromoEvents as E, type PromoStatus } from "./promo.status.js";

/** Moves each of `ids` to `to`, counting those it moved; a request moved meanwhile is skipped. */
async function moveEach(deps: Deps, ctx: Ctx, ids: number[], to: PromoStatus, o: Parameters<typeof movePromo>[5]): Promise<number> {
  let moved = 0;
  for (const id of ids) {
    try {
      await deps.db.$transaction((tx) => movePromo(deps, ctx, tx, id, to, o));
      moved++;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
  }
  return moved;
}

/**
 * One pass: approved → live once their start has come, then live → ended once their end has
 * passed (a promotion whose whole period was missed goes live and ends in the same pass, so its
 * provider hears of both).
 */
export async function runPromoSchedule(deps: Deps, ctx: Ctx, now = new Date()): Promise<{ live: number; ended: number }> {
  const ids = async (status: PromoStatus, due: object) => (await deps.db.promoRequest.findMany({ where: { status, ...due }, orderBy: { id: "asc" }, select: { id: true } })).map((r) => r.id);
  const live = await moveEach(deps, ctx, await ids("approved", { startsAt: { lte: now } }), "live", {
    action: "promo.go_live", data: { wentLiveAt: now },
    events: (a) => [{ name: E.LIVE, payload: promoFacts(a) }],
  });
  const ended = await moveEach(deps, ctx, await ids("live", { endsAt: { lte: now } }), "ended", {
    action: "promo.end", data: { endedAt: now },
    events: (a) => [{ name: E.ENDED, payload: promoFacts(a) }],
  });
  return { live, ended };
}
