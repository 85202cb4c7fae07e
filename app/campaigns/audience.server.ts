import { Prisma } from "~/generated/prisma/client";
import type { Campaign } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

/**
 * Who a campaign goes to: physicians who gave their consent (and verified their address), and
 * imported recipients with a recorded consent source who have not unsubscribed, narrowed by
 * prefecture of interest (any of the chosen), specialty (any of the chosen) and programme
 * participation. Suppressed addresses (bounces, complaints) are never in it; an address that is
 * both a user and an imported recipient counts once.
 */
export type Audience = Pick<Campaign, "prefectureCodes" | "specialtyCodes" | "participation">;

/** The audience as SQL returning one column, `email` (distinct, lower-case). */
export function audienceSql({ prefectureCodes, specialtyCodes, participation }: Audience) {
  const prefs = prefectureCodes;
  const specs = specialtyCodes;
  const part = participation;
  return Prisma.sql`
    SELECT DISTINCT a.email FROM (
      SELECT u.email
      FROM "User" u LEFT JOIN "PhysicianProfile" p ON p."userId" = u.id
      WHERE u.role = 'PHYSICIAN' AND u."guidanceConsentAt" IS NOT NULL AND u."emailVerifiedAt" IS NOT NULL
        AND (cardinality(${prefs}::text[]) = 0 OR p."interestPrefectureCodes" && ${prefs}::text[])
        AND (cardinality(${specs}::text[]) = 0 OR p."specialtyCode" = ANY(${specs}::text[]))
        AND (${part} = 'any' OR (${part} = 'participants' AND p."programParticipant" IS TRUE)
             OR (${part} = 'others' AND p."programParticipant" IS NOT TRUE))
      UNION ALL
      SELECT r.email
      FROM "GuidanceRecipient" r
      WHERE r."unsubscribedAt" IS NULL
        AND (cardinality(${prefs}::text[]) = 0 OR r."prefectureCodes" && ${prefs}::text[])
        AND (cardinality(${specs}::text[]) = 0 OR r."specialtyCode" = ANY(${specs}::text[]))
        AND (${part} = 'any' OR (${part} = 'participants' AND r."programParticipant")
             OR (${part} = 'others' AND NOT r."programParticipant"))
    ) a
    WHERE NOT EXISTS (SELECT 1 FROM "MailSuppression" s WHERE s.email = a.email)`;
}

export async function audienceCount(audience: Audience) {
  const [row] = await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM (${audienceSql(audience)}) x`;
  return Number(row?.n ?? 0);
}

/**
 * Of these addresses, those that may no longer receive guidance mail: suppressed, a user who
 * withdrew consent, an imported recipient who unsubscribed or was removed.
 */
export async function noLongerWanted(emails: string[]) {
  if (emails.length === 0) return new Set<string>();
  const rows = await prisma.$queryRaw<Array<{ email: string }>>`
    SELECT e.email FROM unnest(${emails}::text[]) AS e(email)
    WHERE EXISTS (SELECT 1 FROM "MailSuppression" s WHERE s.email = e.email)
       OR NOT (
         EXISTS (SELECT 1 FROM "User" u WHERE u.email = e.email AND u."guidanceConsentAt" IS NOT NULL)
         OR EXISTS (SELECT 1 FROM "GuidanceRecipient" r WHERE r.email = e.email AND r."unsubscribedAt" IS NULL)
       )`;
  return new Set(rows.map((r) => r.email));
}
