import { describe, expect, it } from "vitest";
import { applyIndexSettings, indexName, searchClient } from "../../search/client.server";
import { FACILITIES_INDEX } from "../../search/settings";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as indexLoader } from "~/routes/_index";
import { prisma, migrateDatabase } from "~/utils/db.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from "~/server/demo-seed.server";
import { readMigrations } from "~/utils/migrate.server";
import { verifyPassword } from "~/utils/password.server";
import { createSecretariat } from "~/accounts/create-secretariat.server";
import type { ProfileContent } from "~/facilities/profile";
import { sectionCompletion } from "~/facilities/section-progress.server";
import { PROFILE_SECTIONS } from "~/schemas/facility-profile";
import { context, getRequest } from "../helpers/requests";

describe("migrations", () => {
  it("are recorded like `prisma migrate deploy` does, and re-running applies nothing", async () => {
    const rows = await prisma.$queryRaw<Array<{ migration_name: string; checksum: string; finished_at: Date | null }>>`
      SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at)).toBe(true);
    expect(await migrateDatabase()).toEqual([]);
  });

  it("convert readings saved in katakana to hiragana, leaving everything else as it was", async () => {
    const { createListing } = await import("../helpers/factories");
    const listing = await createListing({ name: "ヤマザキ・クリニック", nameKana: "ヤマザキ クリニック ヴィラ" });
    const migration = readMigrations().find((m) => m.name.endsWith("_readings_in_hiragana"))!;
    await prisma.$executeRawUnsafe(migration.sql.split(";").find((part) => part.includes('UPDATE "FacilityProfile"'))!);
    const profiles = await prisma.facilityProfile.findMany({ where: { facilityId: listing.id } });
    expect(profiles.map((p) => [p.name, p.nameKana])).toEqual([
      ["ヤマザキ・クリニック", "やまざき くりにっく ゔぃら"],
      ["ヤマザキ・クリニック", "やまざき くりにっく ゔぃら"],
    ]);
  });
});

describe("/healthz", () => {
  it("reports database, search and mail as ok", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ database: "ok", search: "ok", mail: "ok" });
  });
});

describe("search index settings", () => {
  it("are applied to a real Meilisearch, idempotently", async () => {
    await applyIndexSettings();
    await applyIndexSettings();
    const settings = await searchClient().index(indexName(FACILITIES_INDEX)).getSettings();
    expect(settings.searchableAttributes?.slice(0, 3)).toEqual(["text.name", "text.reading", "text.romaji"]);
    expect(settings.rankingRules?.[0]).toBe("sort");
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["prefectureCode", "departmentCodes", "supervisorAvailable"]));
    expect(settings.localizedAttributes?.[0]?.locales).toEqual(["jpn"]);
  });
});

describe("demo data", () => {
  it("seeds three accounts and at least 60 published facilities over at least 40 prefectures, only once", async () => {
    expect(await seedDemoData(() => {})).toBe(true);
    expect(await seedDemoData(() => {})).toBe(false);
    const users = await prisma.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    expect(await verifyPassword(DEMO_PASSWORD, users[0]!.passwordHash)).toBe(true);
    const published = await prisma.facilityProfile.findMany({ where: { stage: "APPROVED", facility: { status: "PUBLISHED" } } });
    expect(published.length).toBeGreaterThanOrEqual(60);
    expect(new Set(published.map((f) => f.prefectureCode)).size).toBeGreaterThanOrEqual(40);
    // Every demo listing is complete by the same rules a real application must meet.
    for (const profile of published) {
      expect(sectionCompletion(profile as ProfileContent), profile.name).toEqual(
        Object.fromEntries(PROFILE_SECTIONS.map((s) => [s.key, true])),
      );
    }
    expect(await prisma.facility.count({ where: { status: "SUBMITTED" } })).toBe(2);
    const facilityAccount = users.find((u) => u.role === "FACILITY_MEMBER")!;
    expect(await prisma.operatorMember.count({ where: { userId: facilityAccount.id } })).toBe(1);
    const facilities = published;

    const home = await indexLoader({ request: getRequest("/"), context: context(), params: {} });
    expect(home.total).toBe(facilities.length);
    expect(home.coveredPrefectures).toBeGreaterThanOrEqual(40);
  });
});

describe("secretariat accounts", () => {
  it("are created verified from the command-line function, and re-running changes the password", async () => {
    const first = await createSecretariat({ email: "office@example.jp", password: "first password" });
    expect(first.role).toBe("SECRETARIAT");
    expect(first.emailVerifiedAt).not.toBeNull();
    await createSecretariat({ email: "office@example.jp", password: "second password" });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "office@example.jp" } });
    expect(await verifyPassword("second password", user.passwordHash)).toBe(true);
    expect(await prisma.user.count()).toBe(1);
  });
});
