// A wall-clock time written as the page's language writes times everywhere else (the catalogue's
// "time.format", as forms/language/dates.py uses it: fi and sv 14.00, en 14:00), not as the
// browser's locale would (Swedish Intl writes 14:00 where the letters say kl. 14.00).

import { t } from "./messages.mjs";

/** The time of ``when`` (ms or a Date), hours without a leading zero: "9.05", "23.55". */
export function formatClock(when) {
  const d = new Date(when);
  return t("time.format", { h: d.getHours(), mm: String(d.getMinutes()).padStart(2, "0") });
}

/** The same as an object with ``format``, where a view passes a formatter along. */
export const clockFormat = { format: formatClock };

/** The date of ``when`` as the papers write it (the catalogue's "date.format" and month names):
 *  "5.12.2026", "5 December 2026". */
export function formatDate(when) {
  const d = new Date(when);
  const m = d.getMonth() + 1;
  return t("date.format", { d: d.getDate(), m, y: d.getFullYear(), month: t(`date.month.${m}`) });
}

/** When a draft was last changed: the time alone today, else the date and the time. */
export function formatWhen(when, now = new Date()) {
  const d = new Date(when);
  return d.toDateString() === now.toDateString() ? formatClock(d) : `${formatDate(d)} ${formatClock(d)}`;
}
