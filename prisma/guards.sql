-- Database guards that Prisma's schema cannot express, applied by the app after the migrations
-- at every start (idempotent). Kept out of prisma/migrations because the offline schema-engine
-- stand-in cannot replay dollar-quoted function bodies in its shadow database.

-- The audit trail is never edited: refuse UPDATE and DELETE on "ReviewEvent".
CREATE OR REPLACE FUNCTION review_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ReviewEvent rows are append-only';
END;
$$;

DROP TRIGGER IF EXISTS review_event_append_only ON "ReviewEvent";
CREATE TRIGGER review_event_append_only
  BEFORE UPDATE OR DELETE ON "ReviewEvent"
  FOR EACH ROW EXECUTE FUNCTION review_event_is_append_only();

-- Receipts are never changed once issued (they can be reprinted from the row).
CREATE OR REPLACE FUNCTION receipt_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Receipt rows cannot be changed';
END;
$$;

DROP TRIGGER IF EXISTS receipt_immutable ON "Receipt";
CREATE TRIGGER receipt_immutable
  BEFORE UPDATE OR DELETE ON "Receipt"
  FOR EACH ROW EXECUTE FUNCTION receipt_is_immutable();
