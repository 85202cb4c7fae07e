import { renderedOutboxMail } from "~/campaigns/campaigns.server";
import type { Role } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

let n = 0;

export const TEST_PASSWORD = "correct horse battery";

/** A user, verified unless told otherwise. Shared by tests; the demo seed has its own data. */
export async function createUser({
  role = "PHYSICIAN",
  email,
  password = TEST_PASSWORD,
  verified = true,
}: { role?: Role; email?: string; password?: string; verified?: boolean } = {}) {
  n += 1;
  return prisma.user.create({
    data: {
      email: email ?? `user${n}-${Date.now()}@example.jp`,
      passwordHash: await hashPassword(password),
      role,
      emailVerifiedAt: verified ? new Date() : null,
    },
  });
}

/** The newest mail to an address, with the first link in it. */
export async function lastMailTo(address: string) {
  const mail = await prisma.mailOutbox.findFirst({ where: { toAddress: address }, orderBy: { createdAt: "desc" } });
  if (!mail) return null;
  // Rendered as the worker will render it (tests run without the worker).
  const { subject, html, text } = await renderedOutboxMail(mail);
  const link = text.match(/https?:\/\/\S+/)?.[0]?.replace(/[)\]]+$/, "") ?? null;
  return { ...mail, subject, html, text, link };
}

/** A signed-in user: the user row and the Cookie header a browser would send. */
export async function signedIn(role: Role = "PHYSICIAN", email?: string) {
  const { createSession } = await import("~/utils/session.server");
  const user = await createUser({ role, email });
  const { setCookie } = await createSession(user.id, new Request("http://localhost:3000/"));
  return { user, cookie: setCookie.split(";")[0]! };
}

/** An operator with the given member, and a facility whose draft is complete (or only named). */
export async function createOperatorWithFacility(memberId: string, { complete = true, name = "テスト医療法人" } = {}) {
  const { demoFacilities } = await import("../../prisma/demo/facilities");
  const { createFacility } = await import("~/facilities/facilities.server");
  const operator = await prisma.operator.create({ data: { name, kind: "CORPORATION", members: { create: { userId: memberId } } } });
  const content = demoFacilities()[0]!;
  const facility = await createFacility({ operatorId: operator.id, actorId: memberId, name: content.name });
  if (complete) {
    const { slug: _slug, ...fields } = content;
    await prisma.facilityProfile.update({ where: { facilityId_stage: { facilityId: facility.id, stage: "DRAFT" } }, data: fields });
  }
  return { operator, facility };
}

let listingCounter = 0;

/**
 * A published listing with demo content (overridable), queued for the search index like any
 * publication. `status` other than PUBLISHED makes one that must never be found.
 */
export async function createListing(
  overrides: Partial<import("~/facilities/profile").ProfileContent> = {},
  { status = "PUBLISHED" as import("~/generated/prisma/enums").FacilityStatus, publishedAt = new Date() } = {},
) {
  const { demoFacilities } = await import("../../prisma/demo/facilities");
  const { queueSearchSync } = await import("../../search/sync.server");
  listingCounter += 1;
  const { slug: _slug, ...content } = demoFacilities()[listingCounter % 60]!;
  const profile = { ...content, ...overrides };
  return prisma.$transaction(async (tx) => {
    const operator = await tx.operator.create({ data: { name: `法人${listingCounter}`, kind: "CORPORATION" } });
    const facility = await tx.facility.create({
      data: {
        operatorId: operator.id,
        slug: `listing-${listingCounter}-${Date.now()}`,
        status,
        publishedAt: status === "PUBLISHED" ? publishedAt : null,
        contentApprovedAt: publishedAt,
        profiles: { create: [{ ...profile, stage: "DRAFT" }, { ...profile, stage: "APPROVED" }] },
      },
    });
    await queueSearchSync(tx, facility.id);
    return facility;
  });
}

type MailRow = Parameters<typeof renderedOutboxMail>[0];
/** Outbox rows as they will be sent: the worker renders them on delivery; tests run without it. */
export async function withRendered<T extends MailRow | MailRow[] | null>(rows: T | Promise<T>): Promise<T extends MailRow[] ? Array<T[number] & { subject: string; html: string; text: string }> : T extends null ? null : T & { subject: string; html: string; text: string }> {
  const value = await rows;
  const one = async (row: MailRow) => ({ ...row, ...(await renderedOutboxMail(row)) });
  return (Array.isArray(value) ? await Promise.all(value.map(one)) : value === null ? null : await one(value as MailRow)) as never;
}
