import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen: it scrolls sideways inside this box instead of the page, and
 * the box can be reached and scrolled with the keyboard (a named region).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrollable region must be focusable (WCAG 2.1.1), hence the tabIndex.
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
