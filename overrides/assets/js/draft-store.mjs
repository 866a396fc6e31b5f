// Where the forms keep their drafts, decided by the worker's answer to "which computer is this".
//
//   null (not answered) or "shared": this tab's sessionStorage only, as the forms always did;
//     closing the tab leaves nothing. Another open tab of the same browser can still ask for a
//     draft over a BroadcastChannel (requestDraft / serveDraft): handed over, never stored.
//   "own": the tab's copy and also a copy in localStorage (this site only) that other tabs see at
//     once (watchDraft) and that outlives the browser, removed after the retention period
//     (mkdocs.yml extra.retention_days, given to the page as <meta name="retention-days">).
//
// Every kept draft is {savedAt: ISO string, value, writer: the page's id} in both stores.

import { DEVICE_DRAFT_PREFIX, DEVICE_MODE_KEY, DRAFT_CHANNEL } from "./storage-keys.mjs";
import { beat, dropTabData, startHeartbeat, tabIsStale } from "./tab-heartbeat.mjs";

const MODES = ["own", "shared"];
const DAY_MS = 24 * 60 * 60 * 1000;

/** This page's id: a draft written by another tab (or an earlier page load) has another. */
export const writerId = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;

const deviceKey = (key) => DEVICE_DRAFT_PREFIX + key;

function read(storage, name) {
  try {
    const kept = JSON.parse(storage.getItem(name) ?? "null");
    return kept && typeof kept === "object" && "value" in kept && typeof kept.savedAt === "string" ? kept : null;
  } catch {
    return null; // storage disabled or a foreign value: nothing kept
  }
}

function write(storage, name, kept) {
  try {
    storage.setItem(name, JSON.stringify(kept));
    return true;
  } catch {
    return false; // full or disabled: the form keeps working, only this copy is lost
  }
}

function remove(storage, name) {
  try {
    storage.removeItem(name);
  } catch {
    /* nothing stored */
  }
}

/** Days a draft stays on the device (the page's <meta name="retention-days">). A page without it
 *  keeps nothing past the moment (0). */
export function retentionDays() {
  const days = Number(document.querySelector('meta[name="retention-days"]')?.content);
  return Number.isFinite(days) && days > 0 ? days : 0;
}

// ---- which computer ----------------------------------------------------------------------

/** "own", "shared" or null (not answered yet: behave as a tab-only page). */
export function deviceMode() {
  try {
    const mode = localStorage.getItem(DEVICE_MODE_KEY);
    return MODES.includes(mode) ? mode : null;
  } catch {
    return null;
  }
}

const modeListeners = new Set();

/** Keep the answer ("own" | "shared"; null forgets it). Switching to "shared" removes every
 *  draft kept on the device at once: a shared computer keeps none. */
export function setDeviceMode(mode) {
  if (mode !== null && !MODES.includes(mode)) throw new Error(`draft-store: unknown device mode ${mode}`);
  try {
    if (mode) localStorage.setItem(DEVICE_MODE_KEY, mode);
    else localStorage.removeItem(DEVICE_MODE_KEY);
  } catch {
    /* storage disabled: the answer lasts for this page only */
  }
  if (mode !== "own") removeKept();
  for (const cb of modeListeners) cb(mode);
}

/** cb(mode) when the answer changes, here or in another tab. Returns a function that stops it. */
export function onDeviceModeChange(cb) {
  modeListeners.add(cb);
  return () => modeListeners.delete(cb);
}

// ---- drafts ------------------------------------------------------------------------------

/** Keep `value` (JSON-able) under `key`: in this tab, and on the device in "own" mode unless
 *  `{device: false}` (a draft that must never outlive its tab). Returns its savedAt (ISO string). */
export function saveDraft(key, value, { device = true } = {}) {
  const kept = { savedAt: new Date().toISOString(), value, writer: writerId };
  write(sessionStorage, key, kept);
  beat();
  if (device && deviceMode() === "own") write(localStorage, deviceKey(key), kept);
  return kept.savedAt;
}

function expired(kept, now) {
  const time = Date.parse(kept.savedAt);
  return !Number.isFinite(time) || now.getTime() - time >= retentionDays() * DAY_MS;
}

/** The device's copy of `key`, {value, savedAt, writer} or null (none, not "own" mode, or older
 *  than the retention period: then removed). */
export function deviceDraft(key, now = new Date()) {
  if (deviceMode() !== "own") return null;
  const kept = read(localStorage, deviceKey(key));
  if (kept && expired(kept, now)) {
    remove(localStorage, deviceKey(key));
    return null;
  }
  return kept;
}

/** {value, savedAt, from: "tab" | "device"} or null: this tab's copy first, else (own computer)
 *  the device's. */
export function loadDraft(key) {
  const tab = read(sessionStorage, key);
  if (tab) return { value: tab.value, savedAt: tab.savedAt, from: "tab" };
  const device = deviceDraft(key);
  return device ? { value: device.value, savedAt: device.savedAt, from: "device" } : null;
}

/** Forget `key` in this tab and on the device. */
export function removeDraft(key) {
  remove(sessionStorage, key);
  remove(localStorage, deviceKey(key));
}

function listKept() {
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const name = localStorage.key(i);
      if (name?.startsWith(DEVICE_DRAFT_PREFIX)) out.push({ key: name.slice(DEVICE_DRAFT_PREFIX.length), name });
    }
  } catch {
    /* storage disabled: nothing kept */
  }
  return out;
}

function removeKept() {
  for (const { name } of listKept()) remove(localStorage, name);
}

/** Remove every device copy older than the retention period (or unreadable). Returns their keys. */
export function purgeExpired(now = new Date()) {
  const gone = [];
  for (const { key, name } of listKept()) {
    const kept = read(localStorage, name);
    if (!kept || expired(kept, now)) {
      remove(localStorage, name);
      gone.push(key);
    }
  }
  return gone;
}

/** What is kept on this device: [{key, savedAt}], newest first (expired ones removed first). */
export function keptDrafts(now = new Date()) {
  purgeExpired(now);
  return listKept()
    .map(({ key, name }) => ({ key, savedAt: read(localStorage, name)?.savedAt }))
    .filter((d) => d.savedAt)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** cb(value, savedAt) when ANOTHER tab changed the device copy of `key` (own computer);
 *  cb(null, null) when it removed it. Returns a function that stops it. */
export function watchDraft(key, cb) {
  const listener = (event) => {
    if (event.storageArea !== localStorage || event.key !== deviceKey(key) || deviceMode() !== "own") return;
    if (event.newValue === null) return cb(null, null);
    let kept;
    try {
      kept = JSON.parse(event.newValue);
    } catch {
      return;
    }
    if (kept && kept.writer !== writerId) cb(kept.value, kept.savedAt);
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}

// ---- hand-off between open tabs (nothing stored) -----------------------------------------

const servers = new Map(); // key -> getter of the page that owns that draft
let channel = null;

function openChannel() {
  if (channel || typeof BroadcastChannel === "undefined") return channel;
  channel = new BroadcastChannel(DRAFT_CHANNEL);
  channel.addEventListener("message", ({ data }) => {
    if (data?.type !== "request" || typeof data.key !== "string") return;
    // The owner page's live value; else whatever this tab holds of it.
    const getter = servers.get(data.key);
    const value = getter ? getter() : read(sessionStorage, data.key)?.value;
    if (value !== undefined && value !== null) channel.postMessage({ type: "draft", id: data.id, key: data.key, value });
  });
  return channel;
}

/** Answer other tabs' requestDraft(key) with getter() (this page owns that draft). Returns a
 *  function that stops answering. */
export function serveDraft(key, getter) {
  servers.set(key, getter);
  openChannel();
  return () => servers.get(key) === getter && servers.delete(key);
}

/** Ask the other open tabs of this browser for their draft of `key`: the first answer's value,
 *  or null when none answers within `timeoutMs`. */
export function requestDraft(key, timeoutMs = 500) {
  const ch = openChannel();
  if (!ch) return Promise.resolve(null);
  const id = `${writerId}:${Math.random()}`;
  return new Promise((resolve) => {
    // A second channel object: a BroadcastChannel never hears its own messages, and this page's
    // own answers are not wanted either, so only other pages' answers arrive here.
    const listen = new BroadcastChannel(DRAFT_CHANNEL);
    const done = (value) => {
      clearTimeout(timer);
      listen.close();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    listen.addEventListener("message", ({ data }) => {
      if (data?.type === "draft" && data.id === id && data.key === key) done(data.value);
    });
    ch.postMessage({ type: "request", id, key });
  });
}

// A shared computer's tab that the browser brought back after it was closed (its heartbeat is
// old) drops the client's drafts before any page reads them; every tab keeps its heartbeat.
if (deviceMode() === "shared" && tabIsStale()) dropTabData();
startHeartbeat();
// Every page that can hold a draft answers hand-off requests; expired device copies go at once.
openChannel();
if (deviceMode() === "own") purgeExpired();
else removeKept();
window.addEventListener("storage", (event) => {
  if (event.storageArea === localStorage && (event.key === DEVICE_MODE_KEY || event.key === null)) {
    const mode = deviceMode();
    for (const cb of modeListeners) cb(mode);
  }
});
