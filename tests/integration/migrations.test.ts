import { describe, expect, it } from "vitest";
import { migrateDatabase, prisma } from "~/utils/db.server";

/** The message the append-only guard raises, read from the function PostgreSQL holds now. */
async function guardBody() {
  const [row] = await prisma.$queryRaw<Array<{ body: string }>>`SELECT prosrc AS body FROM pg_proc WHERE proname = 'review_event_is_append_only'`;
  return row?.body ?? "";
}

async function triggerCount() {
  const [row] = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM pg_trigger WHERE tgname IN ('review_event_append_only', 'receipt_immutable') AND NOT tgisinternal`;
  return row!.n;
}

describe("start-up migrations: prisma/guards.sql", () => {
  it("is applied again only when it changed or a trigger it makes is missing", async () => {
    await migrateDatabase();
    expect(await triggerCount()).toBe(2);
    try {
      // Unchanged file, triggers present: a start leaves the functions as they are (a body edited
      // behind its back stays edited, which shows that the file was not run again).
      await prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION review_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'edited'; END; $$`,
      );
      await migrateDatabase();
      expect(await guardBody()).toContain("'edited'");

      // A trigger dropped: the next start runs the file again.
      await prisma.$executeRawUnsafe(`DROP TRIGGER receipt_immutable ON "Receipt"`);
      await migrateDatabase();
      expect(await triggerCount()).toBe(2);
      expect(await guardBody()).toContain("append-only");

      // A file that changed since (another checksum recorded): run again.
      await prisma.$executeRawUnsafe(`COMMENT ON FUNCTION review_event_is_append_only() IS 'guards.sql sha256:older'`);
      await prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION review_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'edited'; END; $$`,
      );
      await migrateDatabase();
      expect(await guardBody()).toContain("append-only");
    } finally {
      await prisma.$executeRawUnsafe(`COMMENT ON FUNCTION review_event_is_append_only() IS NULL`);
      await migrateDatabase();
    }
    expect(await triggerCount()).toBe(2);
    expect(await guardBody()).toContain("append-only");
  });
});
