import { createHash, randomUUID } from "node:crypto";
import { decodeCsv, parseCsv } from "./csv-file.server";
import { guessMapping, IMPORT_FIELDS, missingRequired, type ImportField, type Mapping } from "./mapping";
import { checkRows, type RowCheck } from "./rows.server";
import { newSlug } from "~/facilities/facilities.server";
import type { FacilityImport, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueMails } from "~/utils/mail-outbox.server";
import { newToken } from "~/utils/tokens.server";

/**
 * Bulk onboarding from the application form: the secretariat uploads the form's CSV, maps its
 * columns once, previews every row with its problems, then imports the valid rows as operators
 * with facility drafts, each contact invited by mail to claim its draft.
 *
 * - Nothing is half-imported: the import runs in the worker, in chunks, each chunk one
 *   transaction; a worker that dies mid-import leaves whole chunks, and the next one resumes
 *   where the last chunk ended (a lease, as for mail).
 * - Nothing twice: each row's key (facility name and contact address) is recorded in the same
 *   transaction as its draft; a key already there is skipped, whichever file it came from.
 */
export const CLAIM_DAYS = 30;
const CHUNK = 100;
const LEASE_MS = 60_000;

const headersKey = (headers: string[]) => createHash("sha256").update(headers.join("\u0001")).digest("hex");

export type CreateImportResult = { ok: true; id: string } | { ok: false; message: string };

export async function createImport({ fileName, bytes, actorId }: { fileName: string; bytes: Uint8Array; actorId: string }): Promise<CreateImportResult> {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return parsed;
  const remembered = await prisma.importMapping.findUnique({ where: { headersKey: headersKey(parsed.headers) } });
  const mapping = (remembered?.mapping as Mapping | undefined) ?? guessMapping(parsed.headers);
  const created = await prisma.facilityImport.create({
    data: { fileName: fileName.slice(0, 200), encoding: decoded.encoding, content: decoded.text, headers: parsed.headers, mapping, totalRows: parsed.rows.length, createdById: actorId },
  });
  return { ok: true, id: created.id };
}

export function imports() {
  return prisma.facilityImport.findMany({ orderBy: { createdAt: "desc" }, take: 50, select: { id: true, fileName: true, status: true, totalRows: true, created: true, skipped: true, createdAt: true, finishedAt: true } });
}

async function importedKeys(keys: string[]) {
  if (keys.length === 0) return new Map<string, string>();
  const rows = await prisma.$queryRaw<Array<{ key: string; importId: string }>>`SELECT key, "importId" FROM "ImportedRow" WHERE key = ANY(${keys}::text[])`;
  return new Map(rows.map((r) => [r.key, r.importId]));
}

/** Every row of an upload checked against the current mapping and what is already imported. */
export async function checkImport(item: FacilityImport) {
  const parsed = parseCsv(item.content);
  if (!parsed.ok) throw new Error(`stored import ${item.id} no longer parses: ${parsed.message}`);
  const mapping = item.mapping as Mapping;
  const keyed = checkRows(parsed.headers, parsed.rows, mapping, new Set());
  const already = await importedKeys(keyed.filter((r) => r.state === "valid").map((r) => r.key));
  const rows = keyed.map((r): RowCheck => (r.state === "valid" && already.has(r.key) ? { ...r, state: "imported" } : r));
  return { rows, already, missing: missingRequired(mapping), mapping };
}

export async function importPreview(id: string) {
  const item = await prisma.facilityImport.findUnique({ where: { id } });
  if (!item) return null;
  const { rows, missing, mapping } = await checkImport(item);
  return {
    item,
    mapping,
    missing,
    rows,
    counts: {
      valid: rows.filter((r) => r.state === "valid").length,
      error: rows.filter((r) => r.state === "error").length,
      imported: rows.filter((r) => r.state === "imported").length,
      warned: rows.filter((r) => r.state !== "error" && r.warnings.length > 0).length,
    },
  };
}

export type MappingOutcome = { ok: true } | { ok: false; message: string };

/** Saves the mapping for this upload and remembers it for the next file with the same headers. */
export async function saveMapping(id: string, chosen: Record<string, string>): Promise<MappingOutcome> {
  const item = await prisma.facilityImport.findUnique({ where: { id } });
  if (!item || item.status !== "PREVIEW") return { ok: false, message: "この取り込みは、すでに始まっているか終わっています。" };
  const allowed = new Set<string>(IMPORT_FIELDS.map((f) => f.key));
  const mapping: Mapping = {};
  const used = new Map<string, string>();
  for (const header of item.headers) {
    const value = chosen[header] ?? "";
    if (value && !allowed.has(value)) return { ok: false, message: "選択肢にない項目が指定されています。" };
    if (value && used.has(value)) {
      const label = IMPORT_FIELDS.find((f) => f.key === value)!.label;
      return { ok: false, message: `「${label}」に2つの列（「${used.get(value)}」と「${header}」）が割り当てられています。1つにしてください。` };
    }
    if (value) used.set(value, header);
    mapping[header] = value as ImportField | "";
  }
  await prisma.$transaction([
    prisma.facilityImport.update({ where: { id }, data: { mapping } }),
    prisma.importMapping.upsert({ where: { headersKey: headersKey(item.headers) }, create: { headersKey: headersKey(item.headers), mapping }, update: { mapping } }),
  ]);
  return { ok: true };
}

export type StartOutcome = { ok: true; valid: number } | { ok: false; message: string };

/** Starts the import of the valid rows; the worker does it (progress on the import's page). */
export async function startImport(id: string): Promise<StartOutcome> {
  const preview = await importPreview(id);
  if (!preview || preview.item.status !== "PREVIEW") return { ok: false, message: "この取り込みは、すでに始まっているか終わっています。" };
  if (preview.missing.length > 0) return { ok: false, message: `「${preview.missing.map((f) => f.label).join("」「")}」にあたる列を選んでください。` };
  if (preview.counts.valid === 0) return { ok: false, message: "取り込める行がありません。エラーの内容を確認してください。" };
  const { count } = await prisma.facilityImport.updateMany({
    where: { id, status: "PREVIEW" },
    data: { status: "IMPORTING", validRows: preview.counts.valid, skipped: preview.counts.imported, processed: 0, created: 0 },
  });
  return count === 1 ? { ok: true, valid: preview.counts.valid } : { ok: false, message: "この取り込みは、すでに始まっています。" };
}

/** Drafts of this import whose contact has accepted the invitation (claimed the draft). */
export async function claimedDrafts(importId: string) {
  const [row] = await prisma.$queryRaw<Array<{ n: bigint }>>`
    SELECT count(DISTINCT f.id) AS n FROM "ImportedRow" r
    JOIN "Facility" f ON f.id = r."facilityId"
    JOIN "OperatorInvitation" i ON i."operatorId" = f."operatorId" AND i."acceptedAt" IS NOT NULL
    WHERE r."importId" = ${importId}`;
  return Number(row?.n ?? 0);
}

export async function cancelImport(id: string) {
  const { count } = await prisma.facilityImport.updateMany({ where: { id, status: "PREVIEW" }, data: { status: "CANCELLED", content: "" } });
  return count === 1;
}

type Tx = Prisma.TransactionClient;

/**
 * A chunk of rows: their operators, facility drafts, history entries, invitations and mails,
 * a few multi-row statements in the caller's transaction. A row whose key is already recorded
 * (imported before, from any file) is skipped. Returns how many were created.
 */
async function importChunk(tx: Tx, rows: RowCheck[], item: FacilityImport) {
  const now = new Date();
  const planned = rows.map((row) => ({ row, operatorId: randomUUID(), facilityId: randomUUID(), invite: newToken() }));
  const claimed = await tx.$queryRaw<Array<{ key: string }>>`
    INSERT INTO "ImportedRow" (key, "facilityId", "importId", "createdAt")
    SELECT * FROM unnest(${planned.map((p) => p.row.key)}::text[], ${planned.map((p) => p.facilityId)}::text[], ${planned.map(() => item.id)}::text[], ${planned.map(() => now)}::timestamp[])
    ON CONFLICT (key) DO NOTHING
    RETURNING key`;
  const fresh = new Set(claimed.map((c) => c.key));
  const todo = planned.filter((p) => fresh.has(p.row.key));
  if (todo.length === 0) return 0;
  const appUrl = getEnv().APP_URL;
  const expiresAt = new Date(now.getTime() + CLAIM_DAYS * 86_400_000);
  await tx.operator.createMany({ data: todo.map((p) => ({ id: p.operatorId, name: p.row.draft!.operatorName, kind: "CORPORATION" as const })) });
  await tx.facility.createMany({ data: todo.map((p) => ({ id: p.facilityId, operatorId: p.operatorId, slug: newSlug() })) });
  await tx.facilityProfile.createMany({ data: todo.map((p) => ({ facilityId: p.facilityId, stage: "DRAFT" as const, ...p.row.draft!.profile })) });
  await tx.reviewEvent.createMany({
    data: todo.map((p) => ({ facilityId: p.facilityId, actorId: item.createdById, action: "CREATED" as const, toStatus: "DRAFT" as const, comment: `申請フォームのCSV（${item.fileName}・${p.row.line}行目）から取り込み` })),
  });
  await tx.operatorInvitation.createMany({
    data: todo.map((p) => ({ operatorId: p.operatorId, email: p.row.draft!.contactEmail, tokenHash: p.invite.hash, invitedById: item.createdById, expiresAt })),
  });
  await enqueueMails(
    tx,
    "facility-claim",
    todo.map((p) => ({
      to: p.row.draft!.contactEmail,
      props: { facilityName: p.row.draft!.profile.name, acceptUrl: `${appUrl}/invitations/${p.invite.token}`, signupUrl: `${appUrl}/signup`, expiresInDays: CLAIM_DAYS },
    })),
  );
  return todo.length;
}

/**
 * The worker's part: claims an import in progress (a lease), imports its remaining valid rows
 * chunk by chunk, each chunk one transaction that also records the progress.
 */
export async function runFacilityImports({
  signal,
  leaseMs = LEASE_MS,
  chunk = CHUNK,
  onProgress,
}: { signal?: AbortSignal; leaseMs?: number; chunk?: number; onProgress?: (processed: number, total: number) => void } = {}) {
  const now = new Date();
  const [item] = await prisma.$queryRaw<FacilityImport[]>`
    UPDATE "FacilityImport" SET "lockedUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE id = (
      SELECT id FROM "FacilityImport" WHERE status = 'IMPORTING' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING *`;
  if (!item) return null;
  const { rows, already } = await checkImport(item);
  // Rows this import already created (a resumed import) count as done.
  let created = [...already.values()].filter((importId) => importId === item.id).length;
  const todo = rows.filter((r) => r.state === "valid");
  const before = Math.max(0, item.validRows - todo.length); // rows done before a resume
  for (let i = 0; i < todo.length; i += chunk) {
    if (signal?.aborted) {
      await prisma.facilityImport.update({ where: { id: item.id }, data: { lockedUntil: null } });
      return { id: item.id, created, done: false };
    }
    const part = todo.slice(i, i + chunk);
    created += await prisma.$transaction(
      async (tx) => {
        return importChunk(tx, part, item);
      },
      { timeout: 120_000 },
    );
    await prisma.facilityImport.update({
      where: { id: item.id },
      data: { processed: before + i + part.length, created, lockedUntil: new Date(Date.now() + leaseMs) },
    });
    onProgress?.(before + i + part.length, item.validRows);
  }
  await prisma.facilityImport.update({ where: { id: item.id }, data: { status: "DONE", finishedAt: new Date(), processed: before + todo.length, created, lockedUntil: null } });
  return { id: item.id, created, done: true };
}
