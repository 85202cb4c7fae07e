import { createHmac, timingSafeEqual } from "node:crypto";
import { LRUCache } from "lru-cache";
import { renderMail } from "../../emails";
import type { FeaturedFacility, GuidanceProps } from "../../emails/guidance";
import { audienceCount, audienceSql, type Audience } from "./audience.server";
import type { Campaign, MailOutbox } from "~/generated/prisma/client";
import { prefectureByCode } from "~/reference/prefectures";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/form.server";
import { enqueueMail, renderedMail } from "~/utils/mail-outbox.server";
import { campaignSchema } from "~/schemas/campaign";

/**
 * Guidance mail campaigns (案内メール): the secretariat writes one, picks its audience, tests it,
 * then sends it now or at a set time. Queueing writes one outbox row per recipient, grouped in
 * batches, in a single statement; the campaign worker (delivery.server.ts) sends the batches.
 */
export type CampaignInput = { subject: string; body: string; featured: string[]; prefectureCodes: string[]; specialtyCodes: string[]; participation: "any" | "participants" | "others" };

export type FeaturedCheck = { ids: string[]; missing: string[] };

/** The published listings named by slug, in the order given; slugs that are not published are returned as missing. */
export async function resolveFeatured(slugs: string[]): Promise<FeaturedCheck> {
  if (slugs.length === 0) return { ids: [], missing: [] };
  const found = await prisma.facility.findMany({ where: { slug: { in: slugs }, status: "PUBLISHED" }, select: { id: true, slug: true } });
  const bySlug = new Map(found.map((f) => [f.slug, f.id]));
  return { ids: slugs.flatMap((s) => (bySlug.has(s) ? [bySlug.get(s)!] : [])), missing: slugs.filter((s) => !bySlug.has(s)) };
}

/** The campaign's columns from the form's values. */
function columns(input: CampaignInput & { featuredIds: string[] }) {
  const { subject, body, featuredIds, prefectureCodes, specialtyCodes, participation } = input;
  return { subject, body, featuredFacilityIds: featuredIds, prefectureCodes, specialtyCodes, participation };
}

export async function createCampaign(input: CampaignInput & { featuredIds: string[] }, actorId: string) {
  return prisma.campaign.create({ data: { ...columns(input), createdById: actorId } });
}

/** Only a draft can be edited; returns false when it is no longer one. */
export async function updateCampaign(id: string, input: CampaignInput & { featuredIds: string[] }) {
  const { count } = await prisma.campaign.updateMany({ where: { id, status: "DRAFT" }, data: columns(input) });
  return count === 1;
}

export function campaign(id: string) {
  return prisma.campaign.findUnique({ where: { id } });
}

/** The featured listings as they stand in the mail, from their approved (public) content. */
export async function featuredFacilities(ids: string[]): Promise<FeaturedFacility[]> {
  if (ids.length === 0) return [];
  const facilities = await prisma.facility.findMany({
    where: { id: { in: ids }, status: "PUBLISHED" },
    select: { id: true, slug: true, profiles: { where: { stage: "APPROVED" }, select: { name: true, prefectureCode: true, city: true, stance: true } } },
  });
  const appUrl = getEnv().APP_URL;
  return ids.flatMap((id) => {
    const f = facilities.find((x) => x.id === id);
    const p = f?.profiles[0];
    if (!f || !p) return [];
    const summary = p.stance.replace(/\s+/g, " ").trim();
    return [
      {
        name: p.name,
        place: `${prefectureByCode(p.prefectureCode ?? "")?.name ?? ""}${p.city}`,
        summary: summary.length > 80 ? `${summary.slice(0, 80)}…` : summary,
        url: `${appUrl}/facilities/${f.slug}`,
      },
    ];
  });
}

// ─── Unsubscribe links ─────────────────────────────────────────────────────

/** The unsubscribe token of one outbox row: its id and an HMAC of it (nothing to store). */
function signature(outboxId: string) {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`guidance-unsubscribe:${outboxId}`).digest("base64url").slice(0, 32);
}

export function unsubscribeToken(outboxId: string) {
  return `${outboxId}.${signature(outboxId)}`;
}

export function guidanceUnsubscribeUrl(outboxId: string) {
  return `${getEnv().APP_URL}/unsubscribe/${unsubscribeToken(outboxId)}`;
}

/** The outbox row id a token names, or null if the token was not made here. */
export function outboxIdFromToken(token: string) {
  const [id, sig] = token.split(".");
  if (!id || !sig || id.length > 64) return null;
  const expected = Buffer.from(signature(id));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** RFC 8058: mail programs offer their own one-click unsubscribe, which POSTs to the link. */
export function unsubscribeHeaders(url: string) {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

// ─── Rendering ─────────────────────────────────────────────────────────────

const PLACEHOLDER = "https://unsubscribe.invalid/__GM_UNSUBSCRIBE__";
/** One rendering per campaign (and per edit): each mail differs only by its unsubscribe link. */
const rendered = new LRUCache<string, { subject: string; html: string; text: string }>({ max: 20 });

async function renderCampaignOnce(c: Pick<Campaign, "id" | "updatedAt" | "subject" | "body" | "featuredFacilityIds">) {
  const key = `${c.id}:${c.updatedAt.getTime()}`;
  const hit = rendered.get(key);
  if (hit) return hit;
  const props: GuidanceProps = { subject: c.subject, body: c.body, facilities: await featuredFacilities(c.featuredFacilityIds), unsubscribeUrl: PLACEHOLDER };
  const mail = await renderMail("guidance", props);
  rendered.set(key, mail);
  return mail;
}

/** A campaign mail as its recipient gets it: the campaign's rendering with their own unsubscribe link. */
export async function renderCampaignMail(row: Pick<MailOutbox, "id" | "campaignId">, campaignRow?: Campaign) {
  const c = campaignRow ?? (await prisma.campaign.findUniqueOrThrow({ where: { id: row.campaignId! } }));
  const mail = await renderCampaignOnce(c);
  const url = guidanceUnsubscribeUrl(row.id);
  return { subject: mail.subject, html: mail.html.replaceAll(PLACEHOLDER, url), text: mail.text.replaceAll(PLACEHOLDER, url), headers: unsubscribeHeaders(url) };
}

/** Any outbox row as it is (or will be) sent: a campaign's mail from its campaign, any other from its template. */
export async function renderedOutboxMail(row: Pick<MailOutbox, "id" | "template" | "props" | "subject" | "html" | "text" | "campaignId">) {
  if (!row.campaignId) return renderedMail(row);
  const { subject, html, text } = await renderCampaignMail(row);
  return { subject, html, text };
}

/** The preview: the mail as HTML and as text, with a sample unsubscribe link. */
export async function previewCampaign(c: Campaign) {
  return renderCampaignMail({ id: "preview", campaignId: c.id }, c);
}

/** A test mail to the secretariat member's own address (marked as a test; no recipient gets it). */
export async function sendTestMail(c: Campaign, to: string) {
  await enqueueMail(prisma, to, "guidance", {
    subject: c.subject,
    body: c.body,
    facilities: await featuredFacilities(c.featuredFacilityIds),
    unsubscribeUrl: `${getEnv().APP_URL}/secretariat/campaigns/${c.id}`,
    test: true,
  });
}

// ─── Sending ───────────────────────────────────────────────────────────────

export type SendOutcome = { ok: true; queued: number } | { ok: false; reason: "not-draft" | "no-audience" | "past" };

/** Sets a draft to go at a time (Japan time). Refused with no audience, or a time in the past. */
export async function scheduleCampaign(id: string, at: Date, now = new Date()): Promise<SendOutcome> {
  const c = await prisma.campaign.findUnique({ where: { id } });
  if (!c || c.status !== "DRAFT") return { ok: false, reason: "not-draft" };
  if (at.getTime() < now.getTime() - 60_000) return { ok: false, reason: "past" };
  const count = await audienceCount(c);
  if (count === 0) return { ok: false, reason: "no-audience" };
  const { count: updated } = await prisma.campaign.updateMany({ where: { id, status: "DRAFT" }, data: { status: "SCHEDULED", scheduledAt: at, recipientCount: count } });
  return updated === 1 ? { ok: true, queued: 0 } : { ok: false, reason: "not-draft" };
}

/** A scheduled campaign goes back to being a draft (before it is queued). */
export async function unscheduleCampaign(id: string) {
  const { count } = await prisma.campaign.updateMany({ where: { id, status: "SCHEDULED" }, data: { status: "DRAFT", scheduledAt: null } });
  return count === 1;
}

/**
 * Queues a draft or due scheduled campaign: one outbox row per recipient, in batches, in one
 * transaction that also moves the campaign to SENDING, so a campaign is queued once or not at all.
 */
export async function queueCampaign(id: string, { from = ["DRAFT", "SCHEDULED"] as Array<"DRAFT" | "SCHEDULED">, now = new Date() } = {}): Promise<SendOutcome> {
  const batchSize = getEnv().CAMPAIGN_BATCH_SIZE;
  return prisma.$transaction(
    async (tx) => {
      const [c] = await tx.$queryRaw<Campaign[]>`SELECT * FROM "Campaign" WHERE id = ${id} FOR UPDATE`;
      if (!c || !(from as string[]).includes(c.status)) return { ok: false as const, reason: "not-draft" as const };
      const audience: Audience = c;
      const queued = await tx.$executeRaw`
        WITH a AS (
          SELECT email, (row_number() OVER (ORDER BY email) - 1) / ${batchSize}::int AS n FROM (${audienceSql(audience)}) x
        ), b AS (
          INSERT INTO "CampaignBatch" (id, "campaignId", "batchNo", status, attempts, "nextAttemptAt")
          SELECT ${id} || '-' || g, ${id}, g, 'PENDING', 0, ${now} FROM generate_series(0, (SELECT max(n) FROM a)) g
          WHERE EXISTS (SELECT 1 FROM a)
          RETURNING id, "batchNo"
        )
        INSERT INTO "MailOutbox" (id, template, "toAddress", status, attempts, "nextAttemptAt", "createdAt", "campaignId", "campaignBatchId")
        SELECT gen_random_uuid()::text, 'guidance', a.email, 'PENDING', 0, ${now}, ${now}, ${id}, b.id
        FROM a JOIN b ON b."batchNo" = a.n`;
      if (queued === 0) return { ok: false as const, reason: "no-audience" as const };
      await tx.campaign.update({ where: { id }, data: { status: "SENDING", queuedAt: now, recipientCount: queued, scheduledAt: c.scheduledAt ?? now } });
      return { ok: true as const, queued };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** The scheduler: queues every scheduled campaign whose time has come. */
export async function queueDueCampaigns(now = new Date()) {
  const due = await prisma.campaign.findMany({ where: { status: "SCHEDULED", scheduledAt: { lte: now } }, select: { id: true } });
  for (const { id } of due) {
    const outcome = await queueCampaign(id, { from: ["SCHEDULED"], now });
    // Nobody left in the audience when its time came: it stays visible as sent to nobody.
    if (!outcome.ok && outcome.reason === "no-audience") {
      await prisma.campaign.updateMany({ where: { id, status: "SCHEDULED" }, data: { status: "SENT", queuedAt: now, finishedAt: now, recipientCount: 0 } });
    }
  }
  return due.length;
}

export async function cancelCampaign(id: string) {
  const { count } = await prisma.campaign.updateMany({ where: { id, status: { in: ["DRAFT", "SCHEDULED"] } }, data: { status: "CANCELLED" } });
  return count === 1;
}

// ─── Results ───────────────────────────────────────────────────────────────

export type CampaignResults = { queued: number; pending: number; sent: number; failed: number; suppressed: number; bounced: number; complained: number; unsubscribed: number };

export async function campaignResults(id: string): Promise<CampaignResults> {
  const [r] = await prisma.$queryRaw<Array<Record<keyof CampaignResults, bigint>>>`
    SELECT count(*) AS queued,
      count(*) FILTER (WHERE status = 'PENDING') AS pending,
      count(*) FILTER (WHERE status IN ('SENT', 'CAPTURED')) AS sent,
      count(*) FILTER (WHERE status = 'FAILED') AS failed,
      count(*) FILTER (WHERE status = 'SUPPRESSED') AS suppressed,
      count("bouncedAt") AS bounced,
      count("complainedAt") AS complained,
      count("unsubscribedAt") AS unsubscribed
    FROM "MailOutbox" WHERE "campaignId" = ${id}`;
  return Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, Number(v)])) as CampaignResults;
}

/** Every campaign, newest first, with its results (the history). */
export async function campaignHistory() {
  const campaigns = await prisma.campaign.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  const results = await Promise.all(campaigns.map((c) => (c.queuedAt ? campaignResults(c.id) : null)));
  return campaigns.map((c, i) => ({ campaign: c, results: results[i] }));
}

export const STATUS_LABELS: Record<Campaign["status"], string> = {
  DRAFT: "下書き",
  SCHEDULED: "送信予定",
  SENDING: "送信中",
  SENT: "送信済み",
  CANCELLED: "取りやめ",
};

/** The campaign form's action: validates, checks the featured listings are published, saves. */
export async function saveCampaignForm(formData: FormData, { id, actorId }: { id?: string; actorId: string }) {
  const parsed = parseForm(formData, campaignSchema);
  if (!parsed.ok) return { ok: false as const, failure: parsed };
  const featured = await resolveFeatured(parsed.data.featured);
  if (featured.missing.length > 0) {
    return {
      ok: false as const,
      failure: formFailure(formData, "入力内容を確認してください。", {
        featured: [`掲載中の医療機関が見つかりません：${featured.missing.join("、")}（公開ページのURLを確かめてください）`],
      }),
    };
  }
  const input = { ...parsed.data, featuredIds: featured.ids };
  if (!id) return { ok: true as const, id: (await createCampaign(input, actorId)).id };
  if (!(await updateCampaign(id, input))) {
    return { ok: false as const, failure: formFailure(formData, "この案内メールは送信の手続きに入っているため、変更できません。") };
  }
  return { ok: true as const, id };
}

/** The form's values for a saved campaign (featured listings as their page addresses). */
export async function campaignFormValues(c: Campaign) {
  const facilities = await prisma.facility.findMany({ where: { id: { in: c.featuredFacilityIds } }, select: { id: true, slug: true } });
  const appUrl = getEnv().APP_URL;
  return {
    subject: c.subject,
    body: c.body,
    featured: c.featuredFacilityIds.flatMap((fid) => facilities.filter((f) => f.id === fid).map((f) => `${appUrl}/facilities/${f.slug}`)).join("\n"),
    prefectureCodes: c.prefectureCodes,
    specialtyCodes: c.specialtyCodes,
    participation: c.participation,
  };
}
