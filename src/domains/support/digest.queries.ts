/**
 * What a team lead reads each morning: per active team with a lead, its open tickets, those past
 * a deadline (first response or resolution breached and still open) and those nobody is assigned.
 */
import type { Deps } from "../../platform/deps.js";
import { OPEN_STATUSES } from "./support.status.js";

export interface TeamDigest {
  teamId: number;
  leadId: number;
  teamNameAr: string;
  teamNameEn: string;
  open: number;
  breached: number;
  unassigned: number;
}

/** One row per active team that has a lead (teams without one have nobody to tell). */
export async function getTeamLeadDigests(db: Deps["db"]): Promise<TeamDigest[]> {
  const teams = await db.supportTeam.findMany({ where: { isActive: true, leadId: { not: null }, lead: { isActive: true, deletedAt: null } }, select: { id: true, leadId: true, nameAr: true, nameEn: true }, orderBy: { id: "asc" } });
  const out: TeamDigest[] = [];
  for (const t of teams) {
    const open = { assignedTeamId: t.id, status: { in: [...OPEN_STATUSES] } };
    const [openCount, breached, unassigned] = await Promise.all([
      db.supportTicket.count({ where: open }),
      db.supportTicket.count({ where: { ...open, OR: [{ firstResponseBreachedAt: { not: null } }, { resolutionBreachedAt: { not: null } }] } }),
      db.supportTicket.count({ where: { ...open, assignedToId: null } }),
    ]);
    out.push({ teamId: t.id, leadId: t.leadId!, teamNameAr: t.nameAr, teamNameEn: t.nameEn, open: openCount, breached, unassigned });
  }
  return out;
}
