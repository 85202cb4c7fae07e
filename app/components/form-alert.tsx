import type { ReactNode } from "react";

/** A message above a form or on a page: an error (read out at once), a success or a note. */
export function FormAlert({ children, tone = "error" }: { children?: ReactNode; tone?: "error" | "success" | "info" }) {
  if (!children) return null;
  const styles = {
    error: "border-red-300 bg-red-50 text-red-900",
    success: "border-green-300 bg-green-50 text-green-900",
    info: "border-sky-300 bg-sky-50 text-sky-900",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`mb-4 rounded-md border px-4 py-3 ${styles}`}>
      {children}
    </div>
  );
}
