// "This tab is still open": a time in the tab's sessionStorage, refreshed while the page is open
// (every HEARTBEAT_MS, on pagehide and when the page is hidden). A browser that brings a closed
// tab back ("continue where you left off", the restore after a crash) gives it its old
// sessionStorage, so the drafts of a client could come back on a shared computer; the heartbeat
// then is as old as the moment the browser closed, and draft-store.mjs drops those drafts.
// The heartbeat is kept only while the tab holds a draft: an empty tab keeps nothing.

import { DEVICE_MODE_KEY, STORAGE_PREFIX, TAB_HEARTBEAT_KEY } from "./contracts.mjs";

export const HEARTBEAT_MS = 30 * 1000;
/** Minutes after which a heartbeat means the tab was closed in between (mkdocs.yml
 *  extra.closed_tab_minutes, given as <meta name="closed-tab-minutes">; at least 2, since
 *  background tabs' timers may run only once a minute). */
export function closedTabMinutes() {
  const minutes = Number(document.querySelector('meta[name="closed-tab-minutes"]')?.content);
  return Number.isInteger(minutes) && minutes >= 2 ? minutes : 5;
}

/** The tab's own keys that hold client data (drafts, the meeting, collected feedback). */
function tabDataKeys() {
  try {
    return Object.keys(sessionStorage).filter(
      (k) => k.startsWith(STORAGE_PREFIX) && k !== TAB_HEARTBEAT_KEY && k !== DEVICE_MODE_KEY);
  } catch {
    return [];
  }
}

/** Note that the tab is open now (only while it holds a draft). */
export function beat(now = Date.now()) {
  try {
    if (tabDataKeys().length) sessionStorage.setItem(TAB_HEARTBEAT_KEY, String(now));
    else sessionStorage.removeItem(TAB_HEARTBEAT_KEY);
  } catch {
    /* storage disabled: nothing kept, nothing to date */
  }
}

/** True when the tab holds data whose heartbeat is missing or older than closedTabMinutes(): the browser
 *  was closed and brought the tab back. A tab the browser discarded to save memory and reloaded
 *  (document.wasDiscarded) was never closed by anyone: its drafts stay. */
export function tabIsStale(now = Date.now()) {
  if (document.wasDiscarded || !tabDataKeys().length) return false;
  let last = NaN;
  try {
    last = Number(sessionStorage.getItem(TAB_HEARTBEAT_KEY));
  } catch {
    return false;
  }
  return !Number.isFinite(last) || last <= 0 || now - last > closedTabMinutes() * 60 * 1000;
}

/** Remove the tab's client data and its heartbeat. Returns how many keys went. */
export function dropTabData() {
  const keys = tabDataKeys();
  for (const key of keys) sessionStorage.removeItem(key);
  try {
    sessionStorage.removeItem(TAB_HEARTBEAT_KEY);
  } catch {
    /* nothing kept */
  }
  return keys.length;
}

let started = false;

/** Keep the heartbeat going for as long as the page is open. */
export function startHeartbeat() {
  if (started) return;
  started = true;
  beat();
  setInterval(() => beat(), HEARTBEAT_MS);
  window.addEventListener("pagehide", () => beat());
  document.addEventListener("visibilitychange", () => beat());
}
