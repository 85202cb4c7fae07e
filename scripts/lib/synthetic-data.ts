import pg from "pg";
import { fiscalYearOf } from "../../app/billing/fiscal-year";
import { syntheticFacilities } from "../bench/synthetic";

/**
 * Writes `count` synthetic published listings (scripts/bench/synthetic.ts) straight into the
 * benchmark's database, 1,000 per statement: ids and slugs are bench-0, bench-1, …
 */
export async function writeSyntheticFacilities(url: string, count: number, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO "Operator" (id, name, kind, "updatedAt") VALUES ('bench-operator', 'ベンチマーク用法人', 'CORPORATION', now())`);
  const rows = [...syntheticFacilities(count)];
  const BATCH = 1000;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const ids = batch.map((_, i) => `bench-${start + i}`);
    const published = batch.map((_, i) => new Date(Date.UTC(2026, 3, 1) + ((start + i) % 200) * 86_400_000).toISOString());
    await client.query(
      `INSERT INTO "Facility" (id, "operatorId", slug, status, "publishedAt", "contentApprovedAt", "updatedAt")
       SELECT id, 'bench-operator', id, 'PUBLISHED', p::timestamptz, p::timestamptz, now() FROM unnest($1::text[], $2::text[]) AS t(id, p)`,
      [ids, published],
    );
    await client.query(
      `INSERT INTO "FacilityProfile" (id, "facilityId", stage, name, "nameKana", kind, "bedCount", "postalCode", "prefectureCode", city, address, phone,
         "departmentCodes", stance, hopes, "supervisorAvailable", "consultationSetup", "consultationFrequency", "learningTimeProtected",
         "scheduleAdjustment", "programSupport", "learningSupport", "employmentFormCodes", "employmentTerms", "activityCodes", "updatedAt")
       SELECT 'p-' || f, f, 'APPROVED', d->>'name', d->>'nameKana', (d->>'kind')::"FacilityKind", (d->>'bedCount')::int, d->>'postalCode', d->>'prefectureCode',
         d->>'city', d->>'address', d->>'phone', ARRAY(SELECT jsonb_array_elements_text(d->'departmentCodes')), d->>'stance', d->>'hopes',
         (d->>'supervisorAvailable')::boolean, d->>'consultationSetup', d->>'consultationFrequency', (d->>'learningTimeProtected')::boolean,
         (d->>'scheduleAdjustment')::boolean, (d->>'programSupport')::boolean, d->>'learningSupport',
         ARRAY(SELECT jsonb_array_elements_text(d->'employmentFormCodes')), d->>'employmentTerms', ARRAY(SELECT jsonb_array_elements_text(d->'activityCodes')), now()
       FROM unnest($1::text[], $2::jsonb[]) AS t(f, d)`,
      [ids, batch.map((r) => JSON.stringify(r))],
    );
    // Paid up for this fiscal year, as a published listing is: the site's fee cycle lapses unpaid ones.
    await client.query(
      `INSERT INTO "FeePeriod" (id, "facilityId", "fiscalYear", "amountExclTax", "taxRatePercent", "amountTotal", "paidAt", method, "updatedAt")
       SELECT 'fee-' || f, f, $2, 30000, 10, 33000, now(), 'BANK_TRANSFER', now() FROM unnest($1::text[]) AS t(f)`,
      [ids, fiscalYearOf(new Date())],
    );
    if ((start / BATCH) % 20 === 0) log(`inserted ${start + batch.length} / ${rows.length}`);
  }
  await client.query("ANALYZE");
  await client.end();
}
