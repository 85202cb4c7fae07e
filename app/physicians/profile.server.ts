import type { PhysicianProfile, Prisma } from "~/generated/prisma/client";
import { prefectureByCode } from "~/reference/prefectures";
import { SPECIALTIES } from "~/reference/specialties";
import type { PhysicianProfileInput } from "~/schemas/physician";
import { WORKPLACE_TYPES } from "~/schemas/physician";
import { prisma } from "~/utils/db.server";

/** A physician's own profile, and the two views of it a facility may ever get. */

export function getPhysicianProfile(userId: string) {
  return prisma.physicianProfile.findUnique({ where: { userId } });
}

export async function savePhysicianProfile(userId: string, input: PhysicianProfileInput) {
  const data = { ...input };
  await prisma.$transaction([
    prisma.physicianProfile.upsert({ where: { userId }, create: { userId, ...data }, update: data }),
    prisma.user.update({ where: { id: userId }, data: { displayName: input.name } }),
  ]);
}

export function yearsSinceLicence(licenceYear: number, now = new Date()) {
  return Math.max(0, now.getFullYear() - licenceYear);
}

export const specialtyName = (code: string) => SPECIALTIES.find((s) => s.code === code)?.name ?? "";

/** What a facility sees of an anonymous physician: specialty, years since licence, prefecture. */
export type AnonymousSummary = { specialty: string; yearsSinceLicence: number; prefecture: string };

export function anonymousSummary(p: PhysicianProfile, now = new Date()): AnonymousSummary {
  return {
    specialty: specialtyName(p.specialtyCode),
    yearsSinceLicence: yearsSinceLicence(p.licenceYear, now),
    prefecture: prefectureByCode(p.prefectureCode)?.name ?? "",
  };
}

/**
 * What a physician discloses when they choose to: name, workplace type, programme participation,
 * and the contact details they allowed (e-mail only if they said so; phone only if given).
 */
export type Disclosure = {
  name: string;
  nameKana: string;
  workplace: string;
  programParticipant: boolean;
  email: string | null;
  phone: string | null;
  contactNote: string;
};

export function disclosureOf(p: PhysicianProfile, email: string): Disclosure {
  return {
    name: p.name,
    nameKana: p.nameKana,
    workplace: WORKPLACE_TYPES.find((w) => w.value === p.workplaceType)?.label ?? "",
    programParticipant: p.programParticipant,
    email: p.contactByEmail ? email : null,
    phone: p.contactPhone || null,
    contactNote: p.contactNote,
  };
}

export function asJson<T>(value: T) {
  return value as unknown as Prisma.InputJsonValue;
}
