import { Prisma, type InquiryThread, type ThreadSide, type ThreadTopic } from "~/generated/prisma/client";
import { anonymousSummary, asJson, disclosureOf, getPhysicianProfile, type AnonymousSummary, type Disclosure } from "~/physicians/profile.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMail } from "~/utils/mail-outbox.server";
import { consumeAll, consumeRateLimit, LIMITS } from "~/utils/rate-limit.server";
import { notifyNewMessage } from "./notifications.server";

/**
 * Inquiry threads between a physician and a facility. Who may see a thread is decided here,
 * per record: its physician; the members of the facility's operator; the secretariat only while
 * the thread has an open report. Everyone else is told it does not exist.
 */

export type ThreadAccess = { thread: InquiryThread; side: ThreadSide | "SECRETARIAT"; facilityName: string };

export const NOT_ACCEPTING = "この医療機関は現在メッセージを受け付けていません。";

async function facilityNameOf(facilityId: string) {
  const profiles = await prisma.facilityProfile.findMany({ where: { facilityId }, select: { stage: true, name: true } });
  return (profiles.find((p) => p.stage === "APPROVED") ?? profiles[0])?.name ?? "";
}

export async function threadForPhysician(userId: string, threadId: string): Promise<ThreadAccess | null> {
  const thread = await prisma.inquiryThread.findFirst({ where: { id: threadId, physicianId: userId } });
  return thread ? { thread, side: "PHYSICIAN", facilityName: await facilityNameOf(thread.facilityId) } : null;
}

export async function threadForFacilityMember(userId: string, threadId: string): Promise<ThreadAccess | null> {
  const thread = await prisma.inquiryThread.findFirst({
    where: { id: threadId, facility: { operator: { members: { some: { userId } } } } },
  });
  return thread ? { thread, side: "FACILITY", facilityName: await facilityNameOf(thread.facilityId) } : null;
}

/** The secretariat reads a thread only while someone's report on it is open. */
export async function threadForSecretariat(threadId: string): Promise<ThreadAccess | null> {
  const thread = await prisma.inquiryThread.findFirst({ where: { id: threadId, reports: { some: { resolvedAt: null } } } });
  return thread ? { thread, side: "SECRETARIAT", facilityName: await facilityNameOf(thread.facilityId) } : null;
}

async function isBlocked(facilityId: string, physicianId: string) {
  return (await prisma.facilityBlock.count({ where: { facilityId, physicianId } })) > 0;
}

type Failure = { ok: false; error: string; status: number };
const fail = (error: string, status = 400): Failure => ({ ok: false, error, status });

export async function openThread({
  physicianId,
  email,
  facilityId,
  topic,
  disclose,
  body,
  now = new Date(),
}: {
  physicianId: string;
  email: string;
  facilityId: string;
  topic: ThreadTopic;
  disclose: "anonymous" | "named";
  body: string;
  now?: Date;
}): Promise<{ ok: true; threadId: string } | Failure> {
  const facility = await prisma.facility.findFirst({ where: { id: facilityId, status: "PUBLISHED" } });
  if (!facility) return fail("この医療機関は現在掲載されていないため、相談を送れません。", 404);
  const profile = await getPhysicianProfile(physicianId);
  if (!profile) return fail("相談を送る前に、プロフィールを登録してください。", 409);
  if (await isBlocked(facilityId, physicianId)) return fail(NOT_ACCEPTING, 403);
  const limit = await consumeRateLimit(`threads:${physicianId}`, LIMITS.threadsPerPhysicianPerDay, now);
  if (!limit.allowed) return fail("本日の新しい相談の上限に達しました。明日以降にもう一度お送りください。", 429);

  const threadId = await prisma.$transaction(async (tx) => {
    const thread = await tx.inquiryThread.create({
      data: {
        facilityId,
        physicianId,
        topic,
        anonymousSummary: asJson(anonymousSummary(profile, now)),
        disclosure: disclose === "named" ? asJson(disclosureOf(profile, email)) : undefined,
        disclosedAt: disclose === "named" ? now : null,
        lastMessageAt: now,
        createdAt: now,
      },
    });
    await tx.threadMessage.create({ data: { threadId: thread.id, side: "PHYSICIAN", authorId: physicianId, body, createdAt: now } });
    await tx.threadRead.create({ data: { threadId: thread.id, userId: physicianId, readAt: now } });
    await notifyNewMessage(tx, thread, "PHYSICIAN", now);
    return thread.id;
  });
  return { ok: true, threadId };
}

export async function postMessage({ access, authorId, body, now = new Date() }: { access: ThreadAccess; authorId: string; body: string; now?: Date }): Promise<{ ok: true } | Failure> {
  const { thread, side } = access;
  if (side === "SECRETARIAT") return fail("事務局は相談スレッドに書き込めません。", 403);
  if (thread.status === "CLOSED") return fail("このスレッドは終了しています。書き込むには、先にスレッドを再開してください。", 409);
  if (side === "FACILITY" && !thread.physicianId) return fail("相談者が退会したため、このスレッドには書き込めません。", 409);
  if (side === "PHYSICIAN" && (await isBlocked(thread.facilityId, authorId))) return fail(NOT_ACCEPTING, 403);
  const limit = await consumeRateLimit(
    `messages:${authorId}`,
    side === "PHYSICIAN" ? LIMITS.messagesPerPhysicianPerDay : LIMITS.messagesPerFacilityMemberPerDay,
    now,
  );
  if (!limit.allowed) return fail("本日のメッセージ送信の上限に達しました。明日以降にもう一度お送りください。", 429);
  await prisma.$transaction(async (tx) => {
    await tx.threadMessage.create({ data: { threadId: thread.id, side, authorId, body, createdAt: now } });
    await tx.inquiryThread.update({ where: { id: thread.id }, data: { lastMessageAt: now } });
    await markReadIn(tx, thread.id, authorId, now);
    await notifyNewMessage(tx, thread, side, now);
  });
  return { ok: true };
}

/** Either side closes or reopens; the change is recorded in the thread. */
export async function setThreadStatus({ access, authorId, status, now = new Date() }: { access: ThreadAccess; authorId: string; status: "OPEN" | "CLOSED"; now?: Date }): Promise<{ ok: true } | Failure> {
  const { thread, side } = access;
  if (side === "SECRETARIAT") return fail("事務局はスレッドを操作できません。", 403);
  if (thread.status === status) return { ok: true };
  if (status === "OPEN" && side === "PHYSICIAN" && (await isBlocked(thread.facilityId, authorId))) return fail(NOT_ACCEPTING, 403);
  if (status === "OPEN" && !thread.physicianId) return fail("相談者が退会したため、このスレッドは再開できません。", 409);
  await prisma.$transaction(async (tx) => {
    await tx.inquiryThread.update({
      where: { id: thread.id },
      data: { status, closedAt: status === "CLOSED" ? now : null, closedBy: status === "CLOSED" ? side : null, lastMessageAt: now },
    });
    await tx.threadMessage.create({ data: { threadId: thread.id, side, authorId, body: "", event: status === "CLOSED" ? "CLOSED" : "REOPENED", createdAt: now } });
    await markReadIn(tx, thread.id, authorId, now);
  });
  return { ok: true };
}

/** The physician discloses name and contact details; recorded as an event in the thread. */
export async function discloseIdentity({ access, userId, email, now = new Date() }: { access: ThreadAccess; userId: string; email: string; now?: Date }): Promise<{ ok: true } | Failure> {
  const { thread, side } = access;
  if (side !== "PHYSICIAN" || thread.physicianId !== userId) return fail("この操作はできません。", 403);
  if (thread.disclosedAt) return { ok: true };
  const profile = await getPhysicianProfile(userId);
  if (!profile) return fail("先にプロフィールを登録してください。", 409);
  await prisma.$transaction(async (tx) => {
    await tx.inquiryThread.update({ where: { id: thread.id }, data: { disclosure: asJson(disclosureOf(profile, email)), disclosedAt: now, lastMessageAt: now } });
    await tx.threadMessage.create({ data: { threadId: thread.id, side: "PHYSICIAN", authorId: userId, body: "", event: "DISCLOSED", createdAt: now } });
    await markReadIn(tx, thread.id, userId, now);
  });
  return { ok: true };
}

async function markReadIn(tx: Prisma.TransactionClient, threadId: string, userId: string, now: Date) {
  await tx.threadRead.upsert({
    where: { threadId_userId: { threadId, userId } },
    create: { threadId, userId, readAt: now },
    update: { readAt: now },
  });
}

/** What "氏名と連絡先を伝える" would send, shown on the confirmation step before anything is sent. */
export async function disclosurePreview(access: ThreadAccess, userId: string, email: string): Promise<Disclosure | null> {
  if (access.side !== "PHYSICIAN" || access.thread.disclosedAt || access.thread.physicianId !== userId) return null;
  const profile = await getPhysicianProfile(userId);
  return profile ? disclosureOf(profile, email) : null;
}

/** Marks a thread read; says whether it had unread messages (the header count then changes). */
export async function markRead(access: ThreadAccess, userId: string, now = new Date()) {
  const { thread, side } = access;
  const read = await prisma.threadRead.findUnique({ where: { threadId_userId: { threadId: thread.id, userId } } });
  const otherSide = side === "PHYSICIAN" ? "FACILITY" : "PHYSICIAN";
  const unread = await prisma.threadMessage.count({ where: { threadId: thread.id, side: otherSide, createdAt: { gt: read?.readAt ?? new Date(0) } } });
  await markReadIn(prisma as unknown as Prisma.TransactionClient, thread.id, userId, now);
  return unread > 0;
}

const EVENT_TEXT: Record<string, string> = {
  DISCLOSED: "相談者が氏名と連絡先を開示しました。",
  CLOSED: "スレッドが終了されました。",
  REOPENED: "スレッドが再開されました。",
  AUTHOR_DELETED: "相談者が退会したため、このメッセージは削除されました。",
};

/** Everything a thread page shows, as the viewer may see it. */
export async function threadView(access: ThreadAccess) {
  const { thread, side, facilityName } = access;
  const messages = await prisma.threadMessage.findMany({ where: { threadId: thread.id }, orderBy: { createdAt: "asc" } });
  const block = thread.physicianId ? await prisma.facilityBlock.findUnique({ where: { facilityId_physicianId: { facilityId: thread.facilityId, physicianId: thread.physicianId } } }) : null;
  const physicianLabel = !thread.physicianId
    ? "退会したユーザー"
    : thread.disclosure
      ? `${(thread.disclosure as Disclosure).name} 先生`
      : "相談者（匿名）";
  const openReport = await prisma.threadReport.findFirst({ where: { threadId: thread.id, side: side === "SECRETARIAT" ? undefined : side, resolvedAt: null } });
  return {
    id: thread.id,
    topic: thread.topic,
    status: thread.status,
    facilityName,
    facilityId: thread.facilityId,
    physicianLabel,
    anonymous: !thread.disclosedAt,
    // The facility sees only what the physician chose to show; the physician sees what was shared.
    summary: thread.anonymousSummary as AnonymousSummary | null,
    disclosure: thread.disclosure as Disclosure | null,
    physicianDeleted: !thread.physicianId,
    blocked: Boolean(block),
    reportedByViewer: Boolean(openReport),
    messages: messages.map((m) => ({
      id: m.id,
      side: m.side,
      mine: m.side === side,
      author: m.side === "FACILITY" ? facilityName : physicianLabel,
      body: m.event ? (EVENT_TEXT[m.event] ?? "") : m.body,
      isEvent: Boolean(m.event),
      createdAt: m.createdAt,
    })),
  };
}

type ListRow = { id: string; topic: ThreadTopic; status: string; lastMessageAt: Date; facilityId: string; facilityName: string | null; disclosed: boolean; physicianId: string | null; unread: boolean; summary: AnonymousSummary | null; disclosure: Disclosure | null };

/**
 * The threads a user takes part in (a physician's own; a facility member's operators'
 * facilities'), and whether one has messages from the other side newer than the user's last read.
 */
function threadsOf(userId: string, side: ThreadSide) {
  const from =
    side === "PHYSICIAN"
      ? Prisma.sql`"InquiryThread" t WHERE t."physicianId" = ${userId}`
      : Prisma.sql`"InquiryThread" t
          JOIN "Facility" f ON f.id = t."facilityId"
          JOIN "OperatorMember" om ON om."operatorId" = f."operatorId" AND om."userId" = ${userId}
          WHERE true`;
  const otherSide = side === "PHYSICIAN" ? "FACILITY" : "PHYSICIAN";
  const unread = Prisma.sql`EXISTS (SELECT 1 FROM "ThreadMessage" m WHERE m."threadId" = t.id AND m.side = ${otherSide}::"ThreadSide"
    AND m."createdAt" > COALESCE((SELECT r."readAt" FROM "ThreadRead" r WHERE r."threadId" = t.id AND r."userId" = ${userId}), 'epoch'))`;
  return { from, unread };
}

/** A user's threads, latest activity first, each with whether it has unread messages. */
async function listThreads(userId: string, side: ThreadSide, limit: number) {
  const { from, unread } = threadsOf(userId, side);
  return prisma.$queryRaw<ListRow[]>`
    SELECT t.id, t.topic, t.status, t."lastMessageAt", t."facilityId", t."physicianId", t."disclosedAt" IS NOT NULL AS disclosed,
           t."anonymousSummary" AS summary, t.disclosure,
           (SELECT name FROM "FacilityProfile" p WHERE p."facilityId" = t."facilityId" ORDER BY (p.stage = 'APPROVED') DESC LIMIT 1) AS "facilityName",
           ${unread} AS unread
    FROM ${from}
    ORDER BY t."lastMessageAt" DESC LIMIT ${limit}`;
}

export function threadsOfPhysician(userId: string) {
  return listThreads(userId, "PHYSICIAN", 200);
}

/** The inbox of a facility member: threads of every facility of their operators. */
export function threadsOfFacilityMember(userId: string) {
  return listThreads(userId, "FACILITY", 500);
}

/** The number of threads with unread messages, for the header. */
export async function unreadThreadCount(user: { id: string; role: string }) {
  const side = user.role === "PHYSICIAN" ? "PHYSICIAN" : user.role === "FACILITY_MEMBER" ? "FACILITY" : null;
  if (!side) return 0;
  const { from, unread } = threadsOf(user.id, side);
  const [row] = await prisma.$queryRaw<Array<{ n: number | bigint }>>`SELECT count(*) AS n FROM ${from} AND ${unread}`;
  return Number(row?.n ?? 0);
}

/** A facility stops (or resumes) accepting messages from the physician of a thread. */
export async function setBlocked({ access, by, blocked }: { access: ThreadAccess; by: string; blocked: boolean }): Promise<{ ok: true } | Failure> {
  const { thread, side } = access;
  if (side !== "FACILITY") return fail("この操作はできません。", 403);
  if (!thread.physicianId) return { ok: true };
  const key = { facilityId: thread.facilityId, physicianId: thread.physicianId };
  if (blocked) {
    await prisma.facilityBlock.upsert({ where: { facilityId_physicianId: key }, create: { ...key, createdById: by }, update: {} });
  } else {
    await prisma.facilityBlock.deleteMany({ where: key });
  }
  return { ok: true };
}

/** Either side reports a thread; the secretariat is mailed (without any message text). */
export async function reportThread({ access, reporterId, reason, now = new Date() }: { access: ThreadAccess; reporterId: string; reason: string; now?: Date }): Promise<{ ok: true } | Failure> {
  const { thread, side } = access;
  if (side === "SECRETARIAT") return fail("この操作はできません。", 403);
  const limit = await consumeAll(
    [
      [`reports:thread:${thread.id}`, LIMITS.reportsPerThreadPerDay],
      [`reports:user:${reporterId}`, LIMITS.reportsPerUserPerDay],
    ],
    now,
  );
  if (!limit.allowed) return fail("通報は受け付け済みです。事務局が確認しますので、しばらくお待ちください。", 429);
  await prisma.$transaction(async (tx) => {
    await tx.threadReport.create({ data: { threadId: thread.id, side, reporterId, reason, createdAt: now } });
    const office = await tx.user.findMany({ where: { role: "SECRETARIAT" }, select: { email: true } });
    for (const { email } of office) {
      await enqueueMail(tx, email, "thread-reported", {
        reportsUrl: `${getEnv().APP_URL}/secretariat/reports`,
        reporterSide: side === "PHYSICIAN" ? "医師" : "医療機関",
      });
    }
  });
  return { ok: true };
}

export async function openReports() {
  const reports = await prisma.threadReport.findMany({ where: { resolvedAt: null }, orderBy: { createdAt: "asc" }, include: { thread: { select: { id: true, facilityId: true, topic: true } } } });
  const names = new Map<string, string>();
  for (const r of reports) if (!names.has(r.thread.facilityId)) names.set(r.thread.facilityId, await facilityNameOf(r.thread.facilityId));
  return reports.map((r) => ({ id: r.id, threadId: r.threadId, side: r.side, reason: r.reason, createdAt: r.createdAt, facilityName: names.get(r.thread.facilityId) ?? "", topic: r.thread.topic }));
}

/** Resolving closes the secretariat's access to the thread again. */
export async function resolveReports(threadId: string, by: string, now = new Date()) {
  await prisma.threadReport.updateMany({ where: { threadId, resolvedAt: null }, data: { resolvedAt: now, resolvedById: by } });
}
