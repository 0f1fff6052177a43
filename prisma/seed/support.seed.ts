/**
 * Support demo data: three teams with staff members, and tickets of every type, status and
 * priority with SLA deadlines, an escalation, public replies, internal notes, a draft reply,
 * attachments, status history and two disputes opened from tickets.
 */
import type { ActorType, CommentVisibility, DisputeKind, DisputeStatus, Priority, SupportTicketStatus, SupportTicketType, User } from "@prisma/client";
import { auditAt, count, type SeedContext } from "./context.js";
import type { MarketplaceResult, SeededRequest } from "./marketplace.seed.js";
import type { People } from "./people.seed.js";
import type { StaffByRole } from "./staff.seed.js";
import { addHours, HOUR } from "./time.js";

/** Hours to the first public reply per priority; also stored as a setting. */
export const SLA_FIRST_RESPONSE_HOURS: Record<Priority, number> = { urgent: 1, high: 4, normal: 8, low: 24 };
/** Hours to resolution per priority; also stored as a setting. */
export const SLA_RESOLUTION_HOURS: Record<Priority, number> = { urgent: 8, high: 24, normal: 72, low: 168 };

type TeamCode = "general" | "billing" | "trust";
type Who = "requester" | keyof StaffByRole | "system";

interface Event {
  /** hours after the ticket was opened */
  at: number;
  by: Who;
  status?: SupportTicketStatus;
  note?: string;
  comment?: { body: string; visibility?: CommentVisibility; draft?: boolean; attachment?: string };
}

interface Story {
  requester: User;
  lang: "ar" | "en";
  type: SupportTicketType;
  priority: Priority;
  subject: string;
  description: string;
  /** hours ago it was opened */
  openedAgo: number;
  team?: TeamCode;
  assignee?: keyof StaffByRole;
  events: Event[];
  related?: SeededRequest;
  reportedUserId?: number;
  reportedEntity?: [string, number];
  attachment?: string;
  escalateAt?: number;
  dispute?: { kind: DisputeKind; status: DisputeStatus; description: string; adminNotes?: string; resolution?: string; resolvedAt?: number };
}

/** Creates teams, members, tickets (with logs, comments, attachments) and the disputes behind two of them. */
export async function seedSupport(sc: SeedContext, people: People, market: MarketplaceResult, staff: StaffByRole): Promise<void> {
  const rng = sc.rng("support");
  const teams = {
    general: await sc.tx.supportTeam.create({ data: { code: "general", nameAr: "الدعم العام", nameEn: "General Support", createdAt: addHours(sc.now, -24 * 200) } }),
    billing: await sc.tx.supportTeam.create({ data: { code: "billing", nameAr: "الفواتير والمدفوعات", nameEn: "Billing & Payments", createdAt: addHours(sc.now, -24 * 200) } }),
    trust: await sc.tx.supportTeam.create({ data: { code: "trust", nameAr: "الثقة والأمان", nameEn: "Trust & Safety", createdAt: addHours(sc.now, -24 * 200) } }),
  };
  // Team leads hear about SLA breaches.
  await sc.tx.supportTeam.update({ where: { id: teams.general.id }, data: { leadId: staff.admin.id } });
  await sc.tx.supportTeam.update({ where: { id: teams.billing.id }, data: { leadId: staff.finance.id } });
  await sc.tx.supportTeam.update({ where: { id: teams.trust.id }, data: { leadId: staff.admin.id } });
  await seedTriageRules(sc, teams);
  await seedCannedReplies(sc);
  const members: [TeamCode, keyof StaffByRole][] = [["general", "support"], ["general", "admin"], ["billing", "finance"], ["billing", "support"], ["trust", "content"], ["trust", "admin"], ["trust", "verification"]];
  await sc.tx.supportTeamMember.createMany({ data: members.map(([t, r]) => ({ teamId: teams[t].id, userId: staff[r].id, createdAt: addHours(sc.now, -24 * 199) })) });
  count(sc, "support_supportteam", 3);
  count(sc, "support_supportteammember", members.length);

  const scam = market.requests.find((r) => r.thread && r.request.status === "in_progress");
  const scamMessage = scam?.thread ? await sc.tx.message.findFirst({ where: { threadId: scam.thread.id, senderId: scam.thread.providerId }, orderBy: { id: "desc" } }) : null;
  const stories = buildStories(people, market, sc.now, scam && scamMessage ? { request: scam, messageId: scamMessage.id } : undefined);
  stories.sort((a, b) => b.openedAgo - a.openedAgo);
  const lastAssigned = new Map<string, Date>();
  for (const [i, s] of stories.entries()) {
    const opened = addHours(sc.now, -(s.dispute ? s.openedAgo : s.openedAgo * rng.float(0.97, 1.03) + rng.float(0, 0.2)));
    const at = (h: number) => new Date(Math.min(opened.getTime() + h * HOUR, sc.now.getTime() - 5 * 60_000));
    const actor = (w: Who): User | null => (w === "requester" ? s.requester : w === "system" ? null : staff[w]);
    const actorType = (w: Who): ActorType => (w === "requester" ? (s.requester.userType === "provider" ? "provider" : "client") : w === "system" ? "system" : "staff");

    let status: SupportTicketStatus = "new";
    let resolvedAt: Date | null = null;
    let closedAt: Date | null = null;
    let firstRespondedAt: Date | null = null;
    const logs = [{ fromStatus: null as SupportTicketStatus | null, toStatus: "new" as SupportTicketStatus, actorType: actorType("requester"), actorId: s.requester.id as number | null, note: null as string | null, createdAt: opened }];
    for (const e of s.events) {
      if (e.status && e.status !== status) {
        logs.push({ fromStatus: status, toStatus: e.status, actorType: actorType(e.by), actorId: actor(e.by)?.id ?? null, note: e.note ?? null, createdAt: at(e.at) });
        if (e.status === "resolved") resolvedAt = at(e.at);
        if (e.status === "closed") closedAt = at(e.at);
        if (e.status === "in_progress" && (status === "resolved" || status === "closed")) resolvedAt = null;
        // The clock stops while waiting on the customer (the queues mark such tickets paused).
        status = e.status;
      }
      if (e.comment && !e.comment.draft && (e.comment.visibility ?? "public_reply") === "public_reply" && e.by !== "requester" && !firstRespondedAt) firstRespondedAt = at(e.at);
    }
    const triaged = s.events.some((e) => e.status === "triaged");
    const assignedAt = s.events.find((e) => e.status === "triaged") ? at(s.events.find((e) => e.status === "triaged")!.at) : null;
    const lastAt = [opened, ...s.events.map((e) => at(e.at))].reduce((a, b) => (b > a ? b : a));
    const ticket = await sc.tx.supportTicket.create({
      data: {
        code: `TCK-${String(i + 1).padStart(6, "0")}`,
        requesterId: s.requester.id,
        type: s.type,
        status,
        priority: s.priority,
        subject: s.subject,
        description: s.description,
        assignedTeamId: triaged && s.team ? teams[s.team].id : null,
        assignedToId: triaged && s.assignee ? staff[s.assignee].id : null,
        relatedRequestId: s.related?.request.id ?? null,
        reportedUserId: s.reportedUserId ?? null,
        reportedEntity: s.reportedEntity?.[0] ?? null,
        reportedEntityId: s.reportedEntity ? String(s.reportedEntity[1]) : null,
        firstResponseDueAt: addHours(opened, SLA_FIRST_RESPONSE_HOURS[s.priority]),
        resolutionDueAt: addHours(opened, SLA_RESOLUTION_HOURS[s.priority]),
        firstRespondedAt,
        resolvedAt: status === "resolved" || status === "closed" ? resolvedAt : null,
        closedAt,
        escalatedAt: s.escalateAt !== undefined ? at(s.escalateAt) : null,
        escalationLevel: s.escalateAt !== undefined ? 1 : 0,
        firstResponseBreachedAt: s.escalateAt !== undefined ? at(s.escalateAt) : null,
        // The deadline still running, as the support domain keeps it (none while waiting on the customer).
        slaDueAt: ["new", "triaged", "in_progress"].includes(status) ? addHours(opened, (firstRespondedAt || s.escalateAt !== undefined ? SLA_RESOLUTION_HOURS : SLA_FIRST_RESPONSE_HOURS)[s.priority]) : null,
        slaPausedAt: status === "waiting_on_customer" ? (logs.findLast((l) => l.toStatus === "waiting_on_customer")?.createdAt ?? lastAt) : null,
        createdAt: opened,
        updatedAt: lastAt,
      },
    });
    await sc.tx.supportStatusLog.createMany({ data: logs.map((l) => ({ ...l, ticketId: ticket.id })) });
    count(sc, "support_supportticket");
    count(sc, "support_supportstatuslog", logs.length);
    for (const l of logs.slice(1)) {
      if (l.actorType === "staff" || l.actorType === "system") {
        const who = l.actorId ? Object.values(staff).find((u) => u.id === l.actorId) ?? null : null;
        auditAt(sc, l.createdAt, who, `ticket.${l.toStatus === "triaged" ? "triage" : l.toStatus === "in_progress" && (l.fromStatus === "resolved" || l.fromStatus === "closed") ? "reopen" : `move_to_${l.toStatus}`}`, "SupportTicket", ticket.id, { status: { before: l.fromStatus, after: l.toStatus } });
      }
    }
    if (s.escalateAt !== undefined) auditAt(sc, at(s.escalateAt), null, "ticket.escalate", "SupportTicket", ticket.id, { escalationLevel: { before: 0, after: 1 }, _meta: { reason: "first response deadline passed" } });
    if (assignedAt && s.team && s.assignee) {
      const key = `${s.team}:${s.assignee}`;
      if (!lastAssigned.has(key) || lastAssigned.get(key)! < assignedAt) lastAssigned.set(key, assignedAt);
    }

    if (s.attachment) {
      await sc.tx.supportAttachment.create({ data: { ticketId: ticket.id, fileName: s.attachment, mimeType: s.attachment.endsWith(".pdf") ? "application/pdf" : "image/jpeg", sizeBytes: rng.int(90_000, 1_800_000), storageKey: `demo/support/${ticket.id}/${s.attachment}`, uploadedById: s.requester.id, createdAt: opened } });
      count(sc, "support_supportattachment");
    }
    for (const e of s.events) {
      if (!e.comment) continue;
      const author = actor(e.by) ?? staff.support;
      const comment = await sc.tx.supportComment.create({
        data: {
          ticketId: ticket.id, authorId: author.id, visibility: e.comment.visibility ?? "public_reply", body: e.comment.body,
          isDraft: !!e.comment.draft, publishedAt: e.comment.draft ? null : at(e.at), createdAt: at(e.at), updatedAt: at(e.at),
        },
      });
      count(sc, "support_supportcomment");
      if (e.comment.attachment) {
        await sc.tx.supportAttachment.create({ data: { ticketId: ticket.id, commentId: comment.id, fileName: e.comment.attachment, mimeType: e.comment.attachment.endsWith(".pdf") ? "application/pdf" : "image/jpeg", sizeBytes: rng.int(90_000, 1_800_000), storageKey: `demo/support/${ticket.id}/${comment.id}/${e.comment.attachment}`, uploadedById: author.id, createdAt: at(e.at) } });
        count(sc, "support_supportattachment");
      }
    }
    if (s.dispute && s.related) {
      const resolved = s.dispute.resolvedAt !== undefined ? at(s.dispute.resolvedAt) : null;
      await sc.tx.dispute.create({
        data: {
          requestId: s.related.request.id, openedById: s.requester.id, ticketId: ticket.id, kind: s.dispute.kind, status: s.dispute.status,
          description: s.dispute.description, evidence: { files: [`demo/support/${ticket.id}/evidence-1.jpg`], messages: "thread" },
          adminNotes: s.dispute.adminNotes ?? null, resolution: s.dispute.resolution ?? null,
          resolvedById: resolved ? staff.support.id : null, resolvedAt: resolved, createdAt: opened, updatedAt: resolved ?? lastAt,
        },
      });
      count(sc, "marketplace_dispute");
    }
  }
  for (const [key, when] of lastAssigned) {
    const [team, role] = key.split(":") as [TeamCode, keyof StaffByRole];
    await sc.tx.supportTeamMember.updateMany({ where: { teamId: teams[team].id, userId: staff[role].id }, data: { lastAssignedAt: when } });
  }
}

/** Routing rules: money words to billing, disputes and reports to trust and safety, the rest to general support. */
async function seedTriageRules(sc: SeedContext, teams: Record<TeamCode, { id: number }>): Promise<void> {
  const rules: { nameAr: string; nameEn: string; category?: SupportTicketType; keywords?: string[]; team: TeamCode; priority?: Priority; sortOrder: number }[] = [
    { nameAr: "النزاعات", nameEn: "Disputes", category: "dispute", team: "trust", priority: "high", sortOrder: 10 },
    { nameAr: "بلاغات المستخدمين", nameEn: "Reports about users", category: "report_user", team: "trust", priority: "high", sortOrder: 20 },
    { nameAr: "بلاغات المحتوى", nameEn: "Reports about content", category: "report_content", team: "trust", priority: "normal", sortOrder: 30 },
    { nameAr: "احتيال أو تهديد", nameEn: "Fraud or threats", keywords: ["احتيال", "نصب", "تهديد", "fraud", "scam", "threat"], team: "trust", priority: "urgent", sortOrder: 40 },
    { nameAr: "الفواتير والمدفوعات", nameEn: "Invoices and payments", keywords: ["فاتورة", "دفع", "استرداد", "مبلغ", "invoice", "payment", "refund", "charged", "paid"], team: "billing", sortOrder: 50 },
    { nameAr: "كل ما سواها", nameEn: "Everything else", team: "general", sortOrder: 1000 },
  ];
  await sc.tx.supportTriageRule.createMany({ data: rules.map((r) => ({ nameAr: r.nameAr, nameEn: r.nameEn, category: r.category ?? null, keywords: r.keywords ?? [], teamId: teams[r.team].id, priority: r.priority ?? null, sortOrder: r.sortOrder, createdAt: addHours(sc.now, -24 * 190) })) });
  count(sc, "support_triagerule", rules.length);
}

/** Replies agents insert and adjust; {{variables}} are filled for the ticket. */
async function seedCannedReplies(sc: SeedContext): Promise<void> {
  const replies = [
    {
      code: "greeting_checking", titleAr: "نتحقق من الأمر", titleEn: "We are looking into it",
      bodyAr: "مرحبًا {{customer_name}}،\nشكرًا لتواصلك معنا بخصوص التذكرة {{ticket_code}}. نتحقق من الأمر الآن وسنعود إليك قريبًا.\n{{agent_name}} — فريق دعم نوافذ",
      bodyEn: "Hello {{customer_name}},\nThank you for contacting us about ticket {{ticket_code}}. We are looking into it now and will get back to you shortly.\n{{agent_name}} — Nawafeth Support",
    },
    {
      code: "need_details", titleAr: "نحتاج تفاصيل إضافية", titleEn: "We need more details",
      bodyAr: "مرحبًا {{customer_name}}،\nحتى نساعدك بشكل أسرع، نرجو إرسال رقم الطلب وصورة توضح المشكلة إن أمكن.\n{{agent_name}}",
      bodyEn: "Hello {{customer_name}},\nTo help you faster, please send the request number and, if you can, a photo that shows the problem.\n{{agent_name}}",
    },
    {
      code: "refund_done", titleAr: "تم الاسترداد", titleEn: "Refund issued",
      bodyAr: "مرحبًا {{customer_name}}،\nأصدرنا الاسترداد الخاص بالتذكرة {{ticket_code}}، ويظهر في حسابك البنكي خلال 5 إلى 10 أيام عمل.\n{{agent_name}}",
      bodyEn: "Hello {{customer_name}},\nWe have issued the refund for ticket {{ticket_code}}. It reaches your bank account within 5 to 10 working days.\n{{agent_name}}",
    },
    {
      code: "resolved_followup", titleAr: "تم الحل", titleEn: "Resolved",
      bodyAr: "مرحبًا {{customer_name}}،\nنعتبر التذكرة {{ticket_code}} محلولة. إن احتجت أي شيء آخر فقط رد على هذه الرسالة.\n{{agent_name}}",
      bodyEn: "Hello {{customer_name}},\nWe consider ticket {{ticket_code}} resolved. If you need anything else, just reply to this message.\n{{agent_name}}",
    },
  ];
  await sc.tx.supportCannedReply.createMany({ data: replies.map((r) => ({ ...r, createdAt: addHours(sc.now, -24 * 190) })) });
  count(sc, "support_cannedreply", replies.length);
}

function buildStories(people: People, market: MarketplaceResult, now: Date, scam?: { request: SeededRequest; messageId: number }): Story[] {
  const c = (i: number) => people.clients[i]!;
  const byStatus = (st: string) => market.requests.filter((r) => r.request.status === st);
  const accepted = byStatus("offer_accepted");
  const inProgress = byStatus("in_progress");
  const completed = byStatus("completed");
  const noShow = market.requests.filter((r) => r.scenario.kind === "cancelled" && r.scenario.by === "staff" && r.scenario.at === "in_progress");
  const lowReview = completed.find((r) => r.review?.rating === 2);
  const chatted = market.requests.find((r) => r.thread && r.provider);
  const stories: Story[] = [];
  const requesterOf = (r: SeededRequest) => ({ requester: r.client.user, lang: r.client.seed.language });
  const pick = <T,>(list: T[], n: number): T | undefined => list[n % Math.max(1, list.length)];

  stories.push({
    requester: c(3).user, lang: "ar", type: "inquiry", priority: "normal", openedAgo: 3,
    subject: "كيف أغير رقم الجوال المسجل؟", description: "غيرت رقم جوالي وأبغى أحدثه في الحساب بدون ما أفقد طلباتي وتقييماتي السابقة.", events: [],
  });
  const late = pick(accepted, 0);
  if (late) {
    stories.push({
      ...requesterOf(late), type: "complaint", priority: "high", openedAgo: 1.5, related: late,
      subject: late.client.seed.language === "ar" ? "مقدم الخدمة لا يرد بعد قبول العرض" : "Provider not answering after I accepted the offer",
      description: late.client.seed.language === "ar" ? "قبلت العرض قبل يومين ومقدم الخدمة ما يرد على الرسائل ولا الاتصالات." : "I accepted the offer two days ago and the provider has not replied to any message or call.",
      events: [],
    });
  }
  stories.push({
    requester: c(21).user, lang: "en", type: "suggestion", priority: "low", openedAgo: 30, team: "general", assignee: "support",
    subject: "Please add Apple Pay", description: "Paying for promotions by card works, but Apple Pay would be much faster on iPhone.",
    events: [{ at: 2, by: "support", status: "triaged" }],
  });
  if (lowReview?.provider && lowReview.review) {
    const p = lowReview.provider;
    const ar = p.seed.language === "ar";
    stories.push({
      requester: p.user, lang: p.seed.language, type: "report_content", priority: "normal", openedAgo: 20, team: "trust", assignee: "content", reportedEntity: ["Review", lowReview.review.id],
      subject: ar ? "تقييم غير صحيح على ملفي" : "Unfair review on my profile",
      description: ar ? "العميل كتب أننا تأخرنا يومين والحقيقة أن الموعد تغير بطلبه، أرجو مراجعة المحادثة." : "The client says we were two days late, but the date was moved at their request. Please check the chat.",
      events: [
        { at: 3, by: "content", status: "triaged" },
        { at: 4, by: "content", comment: { visibility: "internal_note", body: "راجعت المحادثة: الموعد تغير فعلًا بطلب العميل، لكن التقييم لا يخالف السياسة. نقترح تشجيع المزود على الرد العلني." } },
      ],
    });
  }
  const dirty = pick(completed, 1);
  if (dirty) {
    const ar = dirty.client.seed.language === "ar";
    stories.push({
      ...requesterOf(dirty), type: "complaint", priority: "high", openedAgo: 50, team: "general", assignee: "support", related: dirty, attachment: "IMG_result.jpg",
      subject: ar ? "العمل المنفذ أقل من المتفق عليه" : "Work below what was agreed",
      description: ar ? "بعد انتهاء العمل لاحظت أن بعض الأجزاء لم تنفذ كما اتفقنا، ومرفق صورة." : "After the job I noticed some parts were not done as agreed; photo attached.",
      events: [
        { at: 1, by: "support", status: "triaged" },
        { at: 1.5, by: "support", status: "in_progress" },
        { at: 1.6, by: "support", comment: { body: ar ? "نعتذر عن هذه التجربة. تواصلنا مع مقدم الخدمة وسيعاود الزيارة مجانًا خلال ٤٨ ساعة." : "Sorry about this. We contacted the provider, who will come back free of charge within 48 hours." } },
        { at: 1.7, by: "support", comment: { visibility: "internal_note", body: "المزود وافق على زيارة تصحيحية، متابعة يوم الخميس. إذا تكرر نحيله لفريق الثقة." } },
        { at: 5, by: "requester", comment: { body: ar ? "شكرًا، بانتظار الزيارة." : "Thanks, waiting for the visit." } },
      ],
    });
  }
  const fight = pick(inProgress, 0);
  if (fight) {
    const ar = fight.client.seed.language === "ar";
    stories.push({
      ...requesterOf(fight), type: "dispute", priority: "urgent", openedAgo: 20, team: "trust", assignee: "admin", related: fight, escalateAt: 1,
      subject: ar ? "مقدم الخدمة يطلب مبلغًا إضافيًا غير متفق عليه" : "Provider is asking for more money than agreed",
      description: ar ? "بعد بدء العمل طلب مقدم الخدمة ٤٠٠ ريال زيادة على السعر المتفق عليه في العرض وهدد بترك العمل." : "After starting, the provider asked for SAR 400 on top of the accepted offer and threatened to stop working.",
      dispute: { kind: "payment", status: "under_review", description: "Extra SAR 400 requested after the work started; the accepted offer covers materials.", adminNotes: "Offer text says the price includes materials. Called the provider; waiting for their photos of the extra work." },
      events: [
        { at: 0.5, by: "support", status: "triaged", note: "نزاع مالي عاجل — تحويل لفريق الثقة" },
        { at: 2.4, by: "admin", status: "in_progress" },
        { at: 2.5, by: "admin", comment: { body: ar ? "استلمنا النزاع ونراجع المحادثة والعرض المقبول، وسنرد عليك خلال ٢٤ ساعة. الرجاء عدم دفع أي مبلغ إضافي حاليًا." : "We have your dispute and are reviewing the chat and the accepted offer; we will reply within 24 hours. Please do not pay anything extra for now." } },
        { at: 3, by: "admin", comment: { visibility: "internal_note", body: "First response breached (escalated). Offer explicitly includes materials — likely in the client's favour." } },
      ],
    });
  }
  const transfer = people.providers[6]!;
  stories.push({
    requester: transfer.user, lang: "ar", type: "inquiry", priority: "normal", openedAgo: 40, team: "billing", assignee: "finance",
    subject: "حولت مبلغ الاشتراك بنكيًا ولم يظهر", description: "حولت قيمة الاشتراك الربع سنوي على حساب الشركة قبل يومين ولم يتم تحديث حالة الفاتورة.",
    events: [
      { at: 1, by: "support", status: "triaged" },
      { at: 2, by: "finance", status: "in_progress" },
      { at: 2.2, by: "finance", status: "waiting_on_customer", comment: { body: "أهلًا بك، ممكن ترسل لنا صورة إيصال التحويل مع اسم البنك المحول منه؟" } },
      { at: 2.3, by: "finance", comment: { body: "شكرًا، تم تأكيد استلام التحويل وتحديث الفاتورة إلى مدفوعة.", draft: true } },
    ],
  });
  const harasser = chatted?.provider;
  if (chatted && harasser) {
    const ar = chatted.client.seed.language === "ar";
    stories.push({
      ...requesterOf(chatted), type: "report_user", priority: "high", openedAgo: 28, team: "trust", assignee: "content", reportedUserId: harasser.user.id, related: chatted,
      subject: ar ? "رسائل غير لائقة من مقدم خدمة" : "Inappropriate messages from a provider",
      description: ar ? "مقدم الخدمة يرسل رسائل متكررة في أوقات متأخرة بعد انتهاء الطلب." : "The provider keeps sending messages late at night after the job ended.",
      events: [
        { at: 0.5, by: "content", status: "triaged" },
        { at: 1, by: "content", status: "in_progress" },
        { at: 1.2, by: "content", status: "waiting_on_customer", comment: { body: ar ? "نأسف لما حصل. الرجاء تزويدنا بلقطات شاشة للرسائل مع التاريخ والوقت." : "We are sorry about this. Please send screenshots of the messages showing the date and time." } },
        { at: 1.3, by: "content", comment: { visibility: "internal_note", body: "تم تنبيه المزود مبدئيًا؛ بانتظار الأدلة قبل أي إيقاف." } },
      ],
    });
  }
  const declined = people.providers[12]!;
  stories.push({
    requester: declined.user, lang: "en", type: "inquiry", priority: "normal", openedAgo: 10, team: "billing", assignee: "finance",
    subject: "Card payment for my promotion failed", description: "I tried to pay the promotion invoice twice and the payment failed both times. Is something wrong on your side?",
    events: [
      { at: 0.5, by: "support", status: "triaged" },
      { at: 1, by: "finance", status: "in_progress" },
      { at: 1.1, by: "finance", comment: { body: "The bank declined the charge (insufficient funds). You can retry from the invoice in the app, or use another card." } },
      { at: 1.2, by: "finance", status: "resolved" },
    ],
  });
  const gone = noShow[0];
  if (gone) {
    const ar = gone.client.seed.language === "ar";
    const openedAgo = (now.getTime() - gone.lastAt.getTime()) / HOUR + 10;
    stories.push({
      ...requesterOf(gone), type: "dispute", priority: "high", openedAgo, team: "general", assignee: "support", related: gone,
      subject: ar ? "مقدم الخدمة لم يحضر بعد بدء الطلب" : "Provider never showed up after starting",
      description: ar ? "الطلب بحالة قيد التنفيذ من يومين ومقدم الخدمة لم يحضر، أرجو إلغاء الطلب." : "The request has been in progress for two days and the provider never came. Please cancel it.",
      dispute: { kind: "no_show", status: "resolved", description: "Provider marked the job started but never came.", resolution: "Request cancelled by support; a warning was recorded on the provider's account.", resolvedAt: 10.5 },
      events: [
        { at: 1, by: "support", status: "triaged" },
        { at: 2, by: "support", status: "in_progress" },
        { at: 2.1, by: "support", comment: { body: ar ? "نتواصل الآن مع مقدم الخدمة، وسنبلغك خلال ساعات." : "We are contacting the provider now and will update you within a few hours." } },
        { at: 9.8, by: "support", comment: { visibility: "internal_note", body: "Provider unreachable for 2 days (3 calls). Cancelling the request with reason no-show." } },
        { at: 10.2, by: "support", comment: { body: ar ? "تم إلغاء الطلب وتسجيل ملاحظة على حساب مقدم الخدمة. يمكنك نشر طلب جديد وسيصلك عروض من مقدمين آخرين." : "The request is cancelled and a note was recorded on the provider's account. You can post a new request to get other offers." } },
        { at: 10.5, by: "support", status: "resolved" },
      ],
    });
  }
  stories.push({
    requester: c(20).user, lang: "en", type: "suggestion", priority: "low", openedAgo: 15 * 24, team: "general", assignee: "support",
    subject: "Dark mode please", description: "The app is very bright at night; a dark mode would be great.",
    events: [
      { at: 3, by: "support", status: "triaged" },
      { at: 4, by: "support", comment: { body: "Thanks for the idea! We passed it to the product team." } },
      { at: 4.1, by: "support", status: "resolved" },
      { at: 4.1 + 7 * 24, by: "system", status: "closed", note: "auto-closed 7 days after resolution" },
    ],
  });
  const slow = pick(completed, 5);
  if (slow) {
    const ar = slow.client.seed.language === "ar";
    stories.push({
      ...requesterOf(slow), type: "complaint", priority: "normal", openedAgo: 25 * 24, team: "general", assignee: "support", related: slow,
      subject: ar ? "تأخر مقدم الخدمة عن الموعد" : "Provider was late",
      description: ar ? "تأخر مقدم الخدمة ثلاث ساعات عن الموعد بدون إبلاغ." : "The provider arrived three hours late without telling me.",
      events: [
        { at: 2, by: "support", status: "triaged" },
        { at: 3, by: "support", status: "in_progress" },
        { at: 3.2, by: "support", comment: { body: ar ? "نعتذر عن التأخير، نبهنا مقدم الخدمة بضرورة الالتزام بالمواعيد." : "Sorry for the delay; we reminded the provider to keep appointments." } },
        { at: 6, by: "requester", comment: { body: ar ? "تم حل الموضوع، شكرًا لكم." : "All sorted, thanks." } },
        { at: 6.5, by: "support", status: "resolved" },
        { at: 6.5 + 7 * 24, by: "system", status: "closed", note: "auto-closed 7 days after resolution" },
      ],
    });
  }
  const again = completed.find((r) => r.client.seed.language === "en") ?? pick(completed, 7);
  if (again) {
    const ar = again.client.seed.language === "ar";
    stories.push({
      ...requesterOf(again), type: "complaint", priority: "normal", openedAgo: 9 * 24, team: "general", assignee: "support", related: again,
      subject: ar ? "المشكلة رجعت بعد أسبوع من الإصلاح" : "The problem came back a week after the repair",
      description: ar ? "تم الإصلاح لكن المشكلة رجعت بعد أسبوع، ومقدم الخدمة يقول إن الضمان لا يشملها." : "It was fixed, but the same problem came back a week later and the provider says the warranty does not cover it.",
      events: [
        { at: 1, by: "support", status: "triaged" },
        { at: 2, by: "support", status: "in_progress" },
        { at: 2.5, by: "support", comment: { body: ar ? "تواصلنا مع مقدم الخدمة ووافق على زيارة مجانية ضمن الضمان." : "We spoke to the provider, who agreed to a free visit under warranty." } },
        { at: 26, by: "support", status: "resolved" },
        { at: 5 * 24, by: "requester", status: "in_progress", note: "reopened by the customer", comment: { body: ar ? "الزيارة ما تمت والمشكلة مستمرة." : "The visit never happened and the problem is still there." } },
        { at: 5 * 24 + 2, by: "support", comment: { visibility: "internal_note", body: "Reopened. Provider is not answering; escalate to Trust & Safety if no reply by tomorrow." } },
      ],
    });
  }
  if (scam) {
    const ar = scam.request.client.seed.language === "ar";
    stories.push({
      ...requesterOf(scam.request), type: "report_content", priority: "urgent", openedAgo: 0.4, related: scam.request, reportedEntity: ["Message", scam.messageId],
      subject: ar ? "رسالة فيها رابط دفع مشبوه" : "Message with a suspicious payment link",
      description: ar ? "وصلتني رسالة في المحادثة فيها رابط دفع خارج التطبيق ويطلب بيانات البطاقة." : "A chat message asks me to pay through a link outside the app and to enter my card details.",
      events: [],
    });
  }
  return stories;
}
