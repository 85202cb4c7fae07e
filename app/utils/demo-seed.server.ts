import { demoFacilities } from "../../prisma/demo/facilities";
import { prisma } from "./db.server";
import { hashPassword } from "./password.server";

/**
 * Demo data for the embedded default: three accounts (listed in the README) and 60 published
 * facilities. Seeded only into an empty database, so real data is never touched.
 */
export const DEMO_PASSWORD = "gm-demo-2026";
export const DEMO_ACCOUNTS = [
  { email: "secretariat@demo.gm-network.example", role: "SECRETARIAT", displayName: "事務局（デモ）" },
  { email: "facility@demo.gm-network.example", role: "FACILITY_MEMBER", displayName: "名寄みどりの丘病院 事務長（デモ）" },
  { email: "physician@demo.gm-network.example", role: "PHYSICIAN", displayName: "山田 一郎（デモ）" },
] as const;

export async function seedDemoData(log: (line: string) => void = console.log) {
  if ((await prisma.user.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const facilities = demoFacilities();
  await prisma.$transaction(
    async (tx) => {
      const users = [];
      for (const account of DEMO_ACCOUNTS) {
        users.push(await tx.user.create({ data: { ...account, passwordHash, emailVerifiedAt: now } }));
      }
      const facilityUser = users[1]!;
      for (const [i, f] of facilities.entries()) {
        const { departmentCodes, activityCodes, employmentFormCodes, ...fields } = f;
        // The demo facility account runs the first two facilities, as one 医療法人.
        const operator =
          i === 1
            ? await tx.operator.findFirstOrThrow({ where: { name: "医療法人社団 みどりの丘会" } })
            : await tx.operator.create({
                data: {
                  name: i === 0 ? "医療法人社団 みどりの丘会" : f.kind === "HOSPITAL" ? `医療法人 ${f.city}会` : `${f.name}（個人）`,
                  kind: f.kind === "HOSPITAL" || i === 0 ? "CORPORATION" : "INDIVIDUAL",
                  members: i === 0 ? { create: { userId: facilityUser.id } } : undefined,
                },
              });
        const approvedAt = new Date(Date.UTC(2026, 3 + (i % 7), 1 + (i % 27)));
        await tx.facility.create({
          data: {
            ...fields,
            operatorId: operator.id,
            status: "PUBLISHED",
            publishedAt: approvedAt,
            contentApprovedAt: approvedAt,
            departments: { create: departmentCodes.map((departmentCode) => ({ departmentCode })) },
            activities: { create: activityCodes.map((activityCode) => ({ activityCode })) },
            employmentForms: { create: employmentFormCodes.map((employmentFormCode) => ({ employmentFormCode })) },
          },
        });
      }
    },
    { timeout: 120_000 },
  );
  log(
    [
      "",
      "Demo data created. Sign in with these accounts (password for all: " + DEMO_PASSWORD + "):",
      ...DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(16)} ${a.email}`),
      `  and ${facilities.length} published demo facilities.`,
      "",
    ].join("\n"),
  );
  return true;
}
