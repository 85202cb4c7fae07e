import { useEffect, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

/**
 * Keeps what a person types in this browser (localStorage) until the server has saved it, so
 * a dropped connection or a closed tab loses nothing. A copy newer than the server's is offered
 * back on the next visit. Without JavaScript there is nothing to keep, and nothing breaks.
 */
export function autosaveKey(facilityId: string, section: string) {
  return `gm-draft:${facilityId}:${section}`;
}

export function useAutosave<T extends FieldValues>(key: string, form: UseFormReturn<T, unknown, unknown>, serverSavedAt: string | null) {
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(key);
      if (raw) {
        const stored = JSON.parse(raw) as { values: T; at: number };
        if (!serverSavedAt || stored.at > Date.parse(serverSavedAt)) {
          form.reset(stored.values, { keepDefaultValues: true });
          setRestored(true);
        } else {
          window.localStorage.removeItem(key);
        }
      }
    } catch {
      /* storage unavailable or unreadable: nothing to restore */
    }
    const subscription = form.watch((values) => {
      try {
        window.localStorage.setItem(key, JSON.stringify({ values, at: Date.now() }));
      } catch {
        /* storage full or disabled */
      }
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run once per form
  }, [key]);
  const discard = () => {
    window.localStorage.removeItem(key);
    form.reset();
    setRestored(false);
  };
  return { restored, discard };
}

/** After a successful save, the kept copy is no longer needed. */
export function useClearAutosave(key: string | null) {
  useEffect(() => {
    if (key) window.localStorage.removeItem(key);
  }, [key]);
}
